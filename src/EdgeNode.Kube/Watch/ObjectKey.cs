using System.Text.Json;

namespace EdgeNode.Kube.Watch;

/// <summary>The identifying metadata of an API object, read straight from its JSON.</summary>
internal readonly record struct ObjectKey(string? Namespace, string? Name, string? ResourceVersion)
{
    /// <summary><c>namespace/name</c> (or just <c>name</c> for cluster-scoped objects), as client-go's informers key objects.</summary>
    public string Key => string.IsNullOrEmpty(Namespace) ? Name ?? "" : $"{Namespace}/{Name}";

    public static ObjectKey Read(JsonElement obj)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        return new ObjectKey(Text(metadata, "namespace"), Text(metadata, "name"), Text(metadata, "resourceVersion"));
    }

    private static string? Text(JsonElement metadata, string name) =>
        metadata.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
