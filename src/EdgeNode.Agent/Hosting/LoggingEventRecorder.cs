using EdgeNode.Core.Engine;
using EdgeNode.Core.Nodes;
using EdgeNode.Core.Pods;
using Microsoft.Extensions.Logging;

namespace EdgeNode.Agent.Hosting;

/// <summary>Pod events as structured log lines (standalone mode has no API server to post them to).</summary>
internal sealed partial class LoggingEventRecorder(ILogger logger) : IPodEventRecorder, INodeEventRecorder
{
    public void Record(DesiredPod pod, EventSeverity severity, string reason, string message)
    {
        if (severity == EventSeverity.Warning)
        {
            LogWarningEvent(logger, pod.FullName, reason, message);
        }
        else
        {
            LogNormalEvent(logger, pod.FullName, reason, message);
        }
    }

    public void Record(NodeEvent nodeEvent)
    {
        if (nodeEvent.Warning)
        {
            LogWarningNodeEvent(logger, nodeEvent.Reason, nodeEvent.Message);
        }
        else
        {
            LogNormalNodeEvent(logger, nodeEvent.Reason, nodeEvent.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event node type=Normal reason={Reason}: {Message}")]
    private static partial void LogNormalNodeEvent(ILogger logger, string reason, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event node type=Warning reason={Reason}: {Message}")]
    private static partial void LogWarningNodeEvent(ILogger logger, string reason, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event pod={Pod} type=Normal reason={Reason}: {Message}")]
    private static partial void LogNormalEvent(ILogger logger, string pod, string reason, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event pod={Pod} type=Warning reason={Reason}: {Message}")]
    private static partial void LogWarningEvent(ILogger logger, string pod, string reason, string message);
}
