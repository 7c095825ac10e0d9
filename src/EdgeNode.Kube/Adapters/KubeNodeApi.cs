using EdgeNode.Core.Api;
using EdgeNode.Core.Nodes;
using EdgeNode.Kube.Api;
using EdgeNode.Kube.Models;

namespace EdgeNode.Kube.Adapters;

public sealed class KubeNodeApi(KubeApiClient client) : INodeApi
{
    public Task<Node?> GetNodeAsync(string name, CancellationToken cancellationToken) =>
        KubeErrors.CallAsync(() => client.GetAsync($"/api/v1/nodes/{name}", KubeJsonContext.Default.Node, cancellationToken));

    public Task<Node> CreateNodeAsync(Node node, CancellationToken cancellationToken) =>
        KubeErrors.CallAsync(() => client.CreateAsync("/api/v1/nodes", node, KubeJsonContext.Default.Node, cancellationToken));

    public Task<Node> PatchNodeStatusAsync(string name, string strategicMergePatch, CancellationToken cancellationToken) =>
        KubeErrors.CallAsync(() => client.PatchAsync($"/api/v1/nodes/{name}/status", strategicMergePatch, KubePatchTypes.StrategicMerge, KubeJsonContext.Default.Node, cancellationToken));

    public void DropConnections() => client.DropConnections();
}
