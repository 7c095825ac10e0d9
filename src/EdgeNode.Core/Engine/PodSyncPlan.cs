using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Engine;

/// <summary>What one sync of a pod must do, in this order.</summary>
public sealed record PodSyncPlan
{
    /// <summary>Stop every container and sandbox of the pod (before a new sandbox, or because the pod is finished).</summary>
    public bool KillPod { get; init; }

    public bool CreateSandbox { get; init; }
    public uint SandboxAttempt { get; init; }
    public IReadOnlyList<ContainerToKill> ContainersToKill { get; init; } = [];
    public Container? NextInitContainer { get; init; }
    public IReadOnlyList<Container> ContainersToStart { get; init; } = [];
}
