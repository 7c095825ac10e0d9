using EdgeNode.Core.Nodes;

namespace EdgeNode.Kube.Models;

/// <summary>A v1 NodeList as returned by <c>GET /api/v1/nodes</c>.</summary>
public sealed record NodeList
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public ListMeta? Metadata { get; init; }
    public List<Node>? Items { get; init; }
}
