using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeNode.Core.Json;

namespace EdgeNode.Core.Nodes;

/// <summary>
/// The strategic merge patch the node status is written with: the whole new status (conditions merge by
/// type) with addresses replaced rather than merged (their merge key is wrong upstream, as the kubelet
/// notes), plus any label fixes.
/// </summary>
public static class NodeStatusPatch
{
    public static string Create(NodeStatus status, IReadOnlyDictionary<string, string>? labels = null)
    {
        var statusNode = JsonSerializer.SerializeToNode(status, ApiJsonContext.Default.NodeStatus)!.AsObject();
        if (statusNode["addresses"] is JsonArray addresses)
        {
            addresses.Add((JsonNode)new JsonObject { ["$patch"] = "replace" });
        }
        var patch = new JsonObject { ["status"] = statusNode };
        if (labels is { Count: > 0 })
        {
            var labelNode = new JsonObject();
            foreach (var (key, value) in labels)
            {
                labelNode[key] = value;
            }
            patch["metadata"] = new JsonObject { ["labels"] = labelNode };
        }
        return patch.ToJsonString();
    }

    /// <summary>The status as JSON with every heartbeat time removed: equal strings mean "nothing changed".</summary>
    public static string Fingerprint(NodeStatus status) =>
        JsonSerializer.Serialize(
            status with { Conditions = status.Conditions?.Select(c => c with { LastHeartbeatTime = null }).OrderBy(c => c.Type, StringComparer.Ordinal).ToList() },
            ApiJsonContext.Default.NodeStatus);
}
