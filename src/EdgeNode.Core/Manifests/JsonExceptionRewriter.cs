using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using EdgeNode.Core.Json;
using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Manifests;

/// <summary>
/// Turns a System.Text.Json failure while reading a Pod into one sentence naming the field, the problem
/// and the fix. The expected type is looked up in <see cref="PodJsonContext"/>'s metadata along the
/// exception's JSON path, so no exception message is parsed.
/// </summary>
internal static class JsonExceptionRewriter
{
    private const int MaxShownText = 40;

    public static string Describe(JsonException exception, JsonNode document)
    {
        var segments = ParsePath(exception.Path);
        if (segments is not { Count: > 0 })
        {
            return $"the document cannot be read ({Detail(exception.Message)}): fix it";
        }
        var field = Render(segments);
        JsonTypeInfo? parent = PodJsonContext.Default.Pod;
        for (var i = 0; i < segments.Count - 1 && parent is not null; i++)
        {
            parent = Child(parent, segments[i]);
        }
        var value = Navigate(document, segments);
        var last = segments[^1];
        if (parent is { Kind: JsonTypeInfoKind.Object } && last is string name)
        {
            var property = parent.Properties.FirstOrDefault(p => p.Name == name);
            if (property is null)
            {
                return parent.Type == typeof(Volume)
                    ? UnsupportedVolume(segments, name, document)
                    : UnknownField(field, name, parent);
            }
            return Mismatch(field, Info(property.PropertyType), value, exception);
        }
        var expected = parent?.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary ? Info(parent.ElementType!) : null;
        return Mismatch(field, expected, value, exception);
    }

    /// <summary>The first sentence of a System.Text.Json message (the rest is location or advice meant for programmers).</summary>
    public static string Detail(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd('.', ' ');
    }

    private static string UnknownField(string field, string name, JsonTypeInfo parent)
    {
        var similar = parent.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        var hint = similar is null ? "" : $" (did you mean {similar.Name}?)";
        return $"field {field} is not supported by EdgeNode: remove it or check its spelling{hint}";
    }

    private static string UnsupportedVolume(List<object> segments, string type, JsonNode document)
    {
        var volumePath = segments[..^1];
        var volume = Navigate(document, volumePath)?["name"] is JsonValue name && name.TryGetValue<string>(out var text)
            ? $"volume \"{text}\""
            : $"volume {Render(volumePath)}";
        return $"{volume} uses {type}, which EdgeNode does not support (supported: emptyDir, hostPath): put the data on the node and mount it with a hostPath volume, or use an emptyDir volume for scratch space";
    }

    private static string Mismatch(string field, JsonTypeInfo? expected, JsonNode? value, JsonException exception)
    {
        var type = expected is null ? null : Nullable.GetUnderlyingType(expected.Type) ?? expected.Type;
        var (wanted, fix) = type switch
        {
            null => (null, null),
            _ when type == typeof(string) => ("a string", value is JsonValue ? $"quote it (\"{Raw(value)}\")" : "write it as text"),
            _ when type == typeof(int) || type == typeof(long) => ("a whole number", WholeNumberFix(type, value)),
            _ when type == typeof(bool) => ("true or false", "write true or false without quotes"),
            _ when type == typeof(Quantity) => ("a quantity such as 500m, 128Mi or 2", "fix the number or its unit (m, Ki, Mi, Gi, k, M, G)"),
            _ when type == typeof(IntOrString) => ("a port number or port name", "use a number such as 8080 or the name of a container port"),
            _ when type == typeof(DateTimeOffset) => ("an RFC 3339 time such as 2024-05-01T12:00:00Z", "fix the time or remove it"),
            _ when expected!.Kind == JsonTypeInfoKind.Enumerable => ("a list", "write each item on its own line starting with '-'"),
            _ when expected!.Kind == JsonTypeInfoKind.Dictionary => ("a mapping of names to values", "write name: value lines indented under it"),
            _ when expected!.Kind == JsonTypeInfoKind.Object => ("a mapping", "write key: value lines indented under it"),
            _ => (null, null),
        };
        return wanted is null
            ? $"{field} cannot be read ({Detail(exception.Message)}): fix the value"
            : $"{field} must be {wanted}, but it is {DescribeValue(value)}: {fix}";
    }

    private static string WholeNumberFix(Type type, JsonNode? value)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return long.TryParse(v.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                ? "remove the quotes"
                : "write a whole number such as 30";
        }
        var maximum = type == typeof(int) ? int.MaxValue : long.MaxValue;
        return $"use a whole number no larger than {maximum}";
    }

    private static string DescribeValue(JsonNode? value) => value switch
    {
        null => "empty",
        JsonObject => "a mapping",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => $"the text \"{Raw(v)}\"",
            JsonValueKind.Number => $"the number {Raw(v)}",
            _ => $"the value {Raw(v)}",
        },
        _ => "something else",
    };

    private static string Raw(JsonNode value)
    {
        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        return text.Length > MaxShownText ? text[..MaxShownText] + "…" : text;
    }

    private static JsonTypeInfo? Child(JsonTypeInfo parent, object segment) => (parent.Kind, segment) switch
    {
        (JsonTypeInfoKind.Object, string name) => parent.Properties.FirstOrDefault(p => p.Name == name) is { } property ? Info(property.PropertyType) : null,
        (JsonTypeInfoKind.Enumerable, int) or (JsonTypeInfoKind.Dictionary, string) => Info(parent.ElementType!),
        _ => null,
    };

    private static JsonTypeInfo? Info(Type type) => PodJsonContext.Default.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);

    private static JsonNode? Navigate(JsonNode? node, List<object> segments)
    {
        foreach (var segment in segments)
        {
            node = (node, segment) switch
            {
                (JsonObject o, string name) => o[name],
                (JsonArray a, int index) when index < a.Count => a[index],
                _ => null,
            };
        }
        return node;
    }

    private static string Render(List<object> segments) =>
        segments.Aggregate("", (path, segment) => segment is int index ? FieldPath.Index(path, index) : FieldPath.Key(path, (string)segment));

    /// <summary>Splits "$.spec.containers[0]['odd.key']" into ["spec", "containers", 0, "odd.key"]; null if it cannot.</summary>
    private static List<object>? ParsePath(string? path)
    {
        if (path is null || !path.StartsWith('$'))
        {
            return null;
        }
        var segments = new List<object>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }
                segments.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return null;
                }
                segments.Add(index);
                i = end + 1;
            }
            else
            {
                return null;
            }
        }
        return segments;
    }

}
