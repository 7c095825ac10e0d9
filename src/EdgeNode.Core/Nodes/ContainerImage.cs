namespace EdgeNode.Core.Nodes;

public sealed record ContainerImage
{
    public List<string>? Names { get; init; }
    public long SizeBytes { get; init; }
}
