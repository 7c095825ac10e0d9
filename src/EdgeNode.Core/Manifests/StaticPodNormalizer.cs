using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeNode.Core.Json;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Sources;

namespace EdgeNode.Core.Manifests;

/// <summary>
/// What the kubelet does to a pod read from a manifest file: a UID derived from node, file and content,
/// a per-node name, the node name in the spec and the config.* annotations.
/// </summary>
public static class StaticPodNormalizer
{
    /// <summary>The name a static pod gets on a node: "&lt;name&gt;-&lt;lower-case node name&gt;".</summary>
    public static string StaticPodName(string name, string nodeName) => $"{name}-{nodeName.ToLowerInvariant()}";

    /// <summary>
    /// Lower-case hex MD5 over a canonical JSON form of <paramref name="pod"/> (object keys sorted),
    /// "host:&lt;node&gt;" and "file:&lt;path&gt;". The same content at the same path on the same node gives the
    /// same UID in every process, which lets the agent adopt its running containers after a restart.
    /// </summary>
    public static string ComputeUid(Pod pod, string nodeName, string manifestPath)
    {
        var canonical = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(canonical))
        {
            WriteCanonical(JsonSerializer.SerializeToNode(pod, PodJsonContext.Default.Pod), writer);
        }
        // MD5 because the kubelet uses it for config.hash; this is an identity, not a security measure.
        canonical.Write(Encoding.UTF8.GetBytes($"host:{nodeName}"));
        canonical.Write(Encoding.UTF8.GetBytes($"file:{manifestPath}"));
        return Convert.ToHexStringLower(Md5.HashData(canonical.WrittenSpan));
    }

    /// <summary>
    /// Turns a defaulted, valid manifest pod into the pod the node runs. The UID is the manifest's own
    /// metadata.uid if it has one, else <see cref="ComputeUid"/>; <paramref name="firstSeen"/> maps that UID
    /// to the time for the config.seen annotation (which is not part of the UID).
    /// </summary>
    public static Pod Normalize(Pod pod, string nodeName, string manifestPath, Func<string, DateTimeOffset> firstSeen)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(firstSeen);
        var uid = string.IsNullOrEmpty(pod.Metadata.Uid) ? ComputeUid(pod, nodeName, manifestPath) : pod.Metadata.Uid;
        var annotations = new Dictionary<string, string>(pod.Metadata.Annotations ?? [], StringComparer.Ordinal)
        {
            [PodAnnotations.ConfigHash] = uid,
            [PodAnnotations.ConfigSource] = PodSourceNames.File,
            [PodAnnotations.ConfigSeen] = firstSeen(uid).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture),
        };
        return pod with
        {
            Metadata = pod.Metadata with
            {
                Uid = uid,
                Name = StaticPodName(pod.Metadata.Name ?? "", nodeName),
                Annotations = annotations,
            },
            Spec = pod.Spec with { NodeName = nodeName },
            Status = new PodStatus { Phase = "Pending" },
        };
    }

    private static void WriteCanonical(JsonNode? node, Utf8JsonWriter writer)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    WriteCanonical(value, writer);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteCanonical(item, writer);
                }
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
