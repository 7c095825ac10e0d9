using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Engine;

/// <summary>Where pod workers put the status they computed (the single writer per pod).</summary>
public interface IPodStatusSink
{
    void Publish(DesiredPod pod, PodStatus status);
    void Remove(string uid);
}
