using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Leases;

/// <summary>A coordination.k8s.io/v1 Lease (the node heartbeat).</summary>
public sealed record Lease
{
    public string ApiVersion { get; init; } = "coordination.k8s.io/v1";
    public string Kind { get; init; } = "Lease";
    public ObjectMeta Metadata { get; init; } = new();
    public LeaseSpec Spec { get; init; } = new();
}
