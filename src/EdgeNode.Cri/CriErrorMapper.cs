using System.Globalization;
using System.Text;
using EdgeNode.Core.Runtime;
using Grpc.Core;

namespace EdgeNode.Cri;

/// <summary>Turns gRPC failures into <see cref="RuntimeException"/>s whose message says what to do.</summary>
internal static class CriErrorMapper
{
    /// <param name="deadlinePassed">False when the runtime itself answered DeadlineExceeded (an ExecSync command outliving its timeout).</param>
    public static RuntimeException ToRuntimeException(RpcException error, CriCall call, string runtimeName, string socketPath, bool deadlinePassed)
    {
        var detail = error.Status.Detail.Length > 0 ? error.Status.Detail : error.StatusCode.ToString();
        return error.StatusCode switch
        {
            // Grpc.Net.Client sets DebugException when the connection itself failed (no socket, refused, reset).
            StatusCode.Unavailable when error.Status.DebugException is not null => new RuntimeException(
                RuntimeErrorKind.Unavailable,
                $"{runtimeName} is not running at {socketPath}: start it or pass --container-runtime-endpoint",
                error),
            StatusCode.Unavailable => new RuntimeException(
                RuntimeErrorKind.Unavailable,
                $"{runtimeName} at {socketPath} is unavailable for {call} ({detail}): check its log and restart it",
                error),
            StatusCode.DeadlineExceeded when !deadlinePassed => new RuntimeException(
                RuntimeErrorKind.Timeout,
                $"{call} ran past the time limit {runtimeName} enforces for it: {detail}",
                error),
            StatusCode.DeadlineExceeded => new RuntimeException(
                RuntimeErrorKind.Timeout,
                $"{runtimeName} did not finish {call} within {FormatDuration(call.Timeout)}: {TimeoutAdvice(call, runtimeName)}",
                error),
            StatusCode.NotFound => new RuntimeException(
                RuntimeErrorKind.NotFound,
                $"{call} failed because {runtimeName} could not find it: {detail}",
                error),
            _ => new RuntimeException(RuntimeErrorKind.Rejected, $"{runtimeName} rejected {call}: {detail}", error),
        };
    }

    private static string TimeoutAdvice(CriCall call, string runtimeName) => call.Method == "PullImage"
        ? "check that the registry is reachable from this node or raise imagePullTimeout"
        : $"check {runtimeName}'s log for a hung operation or raise runtimeRequestTimeout";

    /// <summary>Go-style durations ("2m", "1m30s", "500ms"), the way the kubelet prints timeouts.</summary>
    internal static string FormatDuration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.###}ms");
        }

        var text = new StringBuilder();
        var hours = (long)duration.TotalHours;
        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (duration.Minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{duration.Minutes}m");
        }

        var seconds = duration.Seconds + (duration.Milliseconds / 1000.0);
        if (seconds > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{seconds:0.###}s");
        }

        return text.ToString();
    }
}
