using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EdgeNode.Kube.Models;

namespace EdgeNode.Kube.Watch;

/// <summary>
/// Parses one watch line. The envelope is read as a <see cref="JsonDocument"/> and its <c>object</c> is then
/// deserialized with the caller's (source-generated) type info, so one parser serves every resource type.
/// </summary>
internal static class WatchEventParser
{
    /// <exception cref="JsonException">The line is not a watch event.</exception>
    public static WatchEvent<T> Parse<T>(string line, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a watch event must be a JSON object");
        }

        if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw new JsonException("the watch event has no type");
        }

        var type = typeElement.GetString() switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => WatchEventType.Error,
            var other => throw new JsonException($"unknown watch event type '{other}'"),
        };

        if (!root.TryGetProperty("object", out var obj) || obj.ValueKind != JsonValueKind.Object)
        {
            if (type == WatchEventType.Error)
            {
                return new WatchEvent<T> { Type = type };
            }

            throw new JsonException($"the {typeElement.GetString()} watch event has no object");
        }

        if (type == WatchEventType.Error)
        {
            return new WatchEvent<T> { Type = type, Error = obj.Deserialize(KubeJsonContext.Default.Status) };
        }

        var key = ObjectKey.Read(obj);
        var value = obj.Deserialize(typeInfo) ?? throw new JsonException("the watch event's object is null");
        return new WatchEvent<T>
        {
            Type = type,
            Object = KubeObjectDefaults.Apply(value),
            ResourceVersion = key.ResourceVersion,
            Namespace = key.Namespace,
            Name = key.Name,
        };
    }
}
