namespace EdgeNode.Core.Pods;

public sealed record Sysctl
{
    public string? Name { get; init; }
    public string? Value { get; init; }
}
