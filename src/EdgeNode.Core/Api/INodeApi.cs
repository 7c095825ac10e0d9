using EdgeNode.Core.Nodes;

namespace EdgeNode.Core.Api;

/// <summary>The Node object of this node on the API server.</summary>
public interface INodeApi
{
    /// <summary>Null when the Node does not exist.</summary>
    Task<Node?> GetNodeAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates the Node; an existing one fails with <see cref="ApiErrorKind.AlreadyExists"/>.</summary>
    Task<Node> CreateNodeAsync(Node node, CancellationToken cancellationToken);

    /// <summary>PATCH nodes/&lt;name&gt;/status with a strategic merge patch.</summary>
    Task<Node> PatchNodeStatusAsync(string name, string strategicMergePatch, CancellationToken cancellationToken);

    /// <summary>The "repeated heartbeat failure" hook: drop idle connections so a dead one is not reused.</summary>
    void DropConnections();
}
