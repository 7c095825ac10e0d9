using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Engine;

/// <summary>One container instance as the runtime reports it, with the sandbox it belongs to.</summary>
public sealed record ObservedContainer(string SandboxId, ContainerStatusInfo Status)
{
    public string Id => Status.Id;
    public string Name => Status.Name;
    public ContainerRunState State => Status.State;

    /// <summary>The restart count EdgeNode recorded when it created the instance (kubelet annotation).</summary>
    public int RestartCount =>
        Status.Annotations.TryGetValue(PodAnnotations.ContainerRestartCount, out var v) && int.TryParse(v, out var n) ? n : (int)Status.Attempt;
}
