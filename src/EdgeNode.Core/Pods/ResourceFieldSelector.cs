namespace EdgeNode.Core.Pods;

public sealed record ResourceFieldSelector
{
    public string? ContainerName { get; init; }
    public string? Resource { get; init; }
    public Quantity? Divisor { get; init; }
}
