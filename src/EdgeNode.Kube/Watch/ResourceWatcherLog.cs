using Microsoft.Extensions.Logging;

namespace EdgeNode.Kube.Watch;

internal static partial class ResourceWatcherLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Cannot list {Path}, retrying in {Delay}: {Error}")]
    public static partial void ListFailed(ILogger logger, string path, TimeSpan delay, string error);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "The watch of {Path} failed, re-watching in {Delay}: {Error}")]
    public static partial void WatchFailed(ILogger logger, string path, TimeSpan delay, string error);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "The watch of {Path} is too far behind (resource version expired), listing again: {Error}")]
    public static partial void Relisting(ILogger logger, string path, string error);
}
