using EdgeNode.Core.Engine;
using EdgeNode.Core.Nodes;
using EdgeNode.Core.Pods;
using EdgeNode.Kube.Adapters;

namespace EdgeNode.Agent.Hosting;

/// <summary>Pod and node events to the log and, in cluster mode, to the API server.</summary>
internal sealed class CompositeEventRecorder(LoggingEventRecorder log, KubeEventRecorder? api) : IPodEventRecorder, INodeEventRecorder
{
    public void Record(DesiredPod pod, EventSeverity severity, string reason, string message)
    {
        log.Record(pod, severity, reason, message);
        api?.Record(pod, severity, reason, message);
    }

    public void Record(NodeEvent nodeEvent)
    {
        log.Record(nodeEvent);
        api?.Record(nodeEvent);
    }
}
