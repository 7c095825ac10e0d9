namespace EdgeNode.Core.Nodes;

public sealed record NodeAddress
{
    public string Type { get; init; } = "";
    public string Address { get; init; } = "";
}
