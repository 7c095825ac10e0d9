using System.Text.Json.Serialization;
using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Json;

/// <summary>
/// Source-generated (AOT-safe) JSON for pods. Unknown fields are errors so that a misspelt or
/// unsupported field in a manifest is reported instead of silently ignored.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    Converters = [typeof(KubeTimeJsonConverter)])]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(List<Pod>))]
[JsonSerializable(typeof(PodStatus))]
[JsonSerializable(typeof(PodCondition))]
[JsonSerializable(typeof(Container))]
[JsonSerializable(typeof(LifecycleHandler))]
[JsonSerializable(typeof(List<ContainerPort>))]
public sealed partial class PodJsonContext : JsonSerializerContext;
