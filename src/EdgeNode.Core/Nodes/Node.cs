using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Nodes;

/// <summary>A v1 Node: the parts the node agent writes and reads.</summary>
public sealed record Node
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "Node";
    public ObjectMeta Metadata { get; init; } = new();
    public NodeSpec Spec { get; init; } = new();
    public NodeStatus Status { get; init; } = new();
}
