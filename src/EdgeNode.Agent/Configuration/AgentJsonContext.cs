using System.Text.Json.Serialization;
using EdgeNode.Core.Engine;

namespace EdgeNode.Agent.Configuration;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EdgeNode.Core.Json.KubeTimeJsonConverter)])]
[JsonSerializable(typeof(ConfigurationFile))]
[JsonSerializable(typeof(List<PodReport>))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
