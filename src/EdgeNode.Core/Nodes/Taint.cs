namespace EdgeNode.Core.Nodes;

public sealed record Taint
{
    public string Key { get; init; } = "";
    public string? Value { get; init; }
    public string Effect { get; init; } = "";
    public DateTimeOffset? TimeAdded { get; init; }
}
