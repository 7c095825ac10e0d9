using System.Text.Json.Nodes;

namespace EdgeNode.Core.Manifests;

/// <summary>
/// Reads YAML into <see cref="JsonNode"/>s with the YAML 1.2 core schema: plain <c>null</c>/<c>~</c>/empty,
/// <c>true</c>/<c>false</c> and numbers become JSON null, booleans and numbers; quoted scalars stay strings.
/// Anchors, aliases and <c>&lt;&lt;</c> merge keys are resolved; duplicate keys are errors. JSON text is
/// read the same way (YAML 1.2 is a superset of JSON). Uses only YamlDotNet's parser (no reflection), so it
/// is AOT-safe.
/// </summary>
public static class YamlJson
{
    /// <summary>One entry per YAML document; an empty document is <c>null</c>.</summary>
    /// <exception cref="YamlJsonException">The text is not valid YAML or has no JSON equivalent.</exception>
    public static IReadOnlyList<JsonNode?> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new YamlToJsonConverter(text).ReadStream();
    }
}
