using System.Buffers;

namespace EdgeNode.Core.Manifests;

/// <summary>Renders field paths the way kubectl users read them: spec.containers[0].name, metadata.labels['app.kubernetes.io/name'].</summary>
internal static class FieldPath
{
    private static readonly SearchValues<char> PlainKey = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");

    public static string Key(string parent, string key)
    {
        if (key.Length > 0 && !key.AsSpan().ContainsAnyExcept(PlainKey))
        {
            return parent.Length == 0 ? key : $"{parent}.{key}";
        }
        return $"{parent}['{key}']";
    }

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
