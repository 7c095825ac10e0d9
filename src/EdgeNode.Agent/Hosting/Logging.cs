using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace EdgeNode.Agent.Hosting;

/// <summary>Structured logs on stdout: one line per record, as text or JSON (--logging-format).</summary>
internal static partial class Logging
{
    public static ILoggerFactory Create(string format) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(LogLevel.Information);
        if (format == "json")
        {
            builder.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            builder.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
                o.UseUtcTimestamp = true;
            });
        }
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void ConfigurationWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Error}")]
    public static partial void Fatal(ILogger logger, string error);
}
