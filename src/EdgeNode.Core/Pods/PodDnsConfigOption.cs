namespace EdgeNode.Core.Pods;

public sealed record PodDnsConfigOption
{
    public string? Name { get; init; }
    public string? Value { get; init; }
}
