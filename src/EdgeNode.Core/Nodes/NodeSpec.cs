namespace EdgeNode.Core.Nodes;

public sealed record NodeSpec
{
    public string? PodCIDR { get; init; }
    public List<string>? PodCIDRs { get; init; }
    public string? ProviderID { get; init; }
    public bool? Unschedulable { get; init; }
    public List<Taint>? Taints { get; init; }
}
