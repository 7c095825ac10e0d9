using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Engine;

/// <summary>Records the kubelet's pod events (Pulling, Created, Started, Killing, BackOff …).</summary>
public interface IPodEventRecorder
{
    void Record(DesiredPod pod, EventSeverity severity, string reason, string message);
}
