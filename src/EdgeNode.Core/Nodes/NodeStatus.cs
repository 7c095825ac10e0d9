using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Nodes;

public sealed record NodeStatus
{
    public Dictionary<string, Quantity>? Capacity { get; init; }
    public Dictionary<string, Quantity>? Allocatable { get; init; }
    public List<NodeCondition>? Conditions { get; init; }
    public List<NodeAddress>? Addresses { get; init; }
    public NodeDaemonEndpoints? DaemonEndpoints { get; init; }
    public NodeSystemInfo? NodeInfo { get; init; }
    public List<ContainerImage>? Images { get; init; }
}
