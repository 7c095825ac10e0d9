using System.Text.Json.Serialization;
using EdgeNode.Core.Leases;
using EdgeNode.Core.Nodes;

namespace EdgeNode.Core.Json;

/// <summary>Source-generated JSON for the API objects Core builds patches from.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(KubeTimeJsonConverter)])]
[JsonSerializable(typeof(Node))]
[JsonSerializable(typeof(NodeStatus))]
[JsonSerializable(typeof(Lease))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
