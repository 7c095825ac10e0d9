using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Engine;

/// <summary>Hands each status to several sinks (the local status store and the API writer).</summary>
public sealed class CompositeStatusSink(params IPodStatusSink[] sinks) : IPodStatusSink
{
    public void Publish(DesiredPod pod, PodStatus status)
    {
        foreach (var sink in sinks)
        {
            sink.Publish(pod, status);
        }
    }

    public void Remove(string uid)
    {
        foreach (var sink in sinks)
        {
            sink.Remove(uid);
        }
    }
}
