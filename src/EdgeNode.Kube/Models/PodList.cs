using EdgeNode.Core.Pods;

namespace EdgeNode.Kube.Models;

/// <summary>A v1 PodList as returned by <c>GET /api/v1/pods</c>.</summary>
public sealed record PodList
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public ListMeta? Metadata { get; init; }
    public List<Pod>? Items { get; init; }
}
