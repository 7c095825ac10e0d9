namespace EdgeNode.Core.Pods;

public sealed record PodDnsConfig
{
    public List<string>? Nameservers { get; init; }
    public List<string>? Searches { get; init; }
    public List<PodDnsConfigOption>? Options { get; init; }
}
