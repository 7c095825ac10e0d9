using System.Text.Json.Serialization;

namespace EdgeNode.Kube.Config;

/// <summary>
/// Source-generated JSON for kubeconfigs (after YAML → JSON). Lenient: unknown fields (preferences,
/// extensions, proxy-url …) are ignored, and plain scalars that YAML reads as numbers or booleans are
/// accepted where a string is expected (a context called <c>1</c>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters = [typeof(LenientStringJsonConverter)])]
[JsonSerializable(typeof(KubeconfigFile))]
internal sealed partial class KubeconfigJsonContext : JsonSerializerContext;
