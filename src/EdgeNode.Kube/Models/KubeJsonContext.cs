using System.Text.Json.Serialization;
using EdgeNode.Core.Json;
using EdgeNode.Core.Leases;
using EdgeNode.Core.Nodes;
using EdgeNode.Core.Pods;

namespace EdgeNode.Kube.Models;

/// <summary>
/// Source-generated (AOT-safe) JSON for everything EdgeNode sends to and reads from the API server.
/// Unlike Core's <c>PodJsonContext</c> (manifests, strict), unknown fields are ignored: the API server
/// returns many fields EdgeNode does not model. Pass these type infos to <see cref="Api.KubeApiClient"/>.
/// </summary>
/// <remarks>
/// Core's records give non-nullable properties initialisers (<c>Metadata = new()</c>), but the source
/// generator sets init-only properties that are missing from the JSON to <c>null</c>.
/// <see cref="KubeObjectDefaults"/> restores them; <see cref="Api.KubeApiClient"/> applies it to every object it reads.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(KubeTimeJsonConverter)])]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(PodList))]
[JsonSerializable(typeof(PodStatus))]
[JsonSerializable(typeof(Node))]
[JsonSerializable(typeof(NodeList))]
[JsonSerializable(typeof(NodeStatus))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(ObjectMeta))]
[JsonSerializable(typeof(ListMeta))]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(Secret))]
[JsonSerializable(typeof(ConfigMap))]
public sealed partial class KubeJsonContext : JsonSerializerContext;
