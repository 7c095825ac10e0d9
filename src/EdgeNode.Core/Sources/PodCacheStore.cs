using System.Text.Json;
using EdgeNode.Core.Json;
using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Sources;

/// <summary>
/// The last pod set the API server gave this node, on disk so the node can run it when it starts
/// without an API server. Written atomically (temp file, fsync, rename) and only when it changed:
/// flash storage on a board wears out.
/// </summary>
public sealed class PodCacheStore(string path)
{
    private string? _lastWritten;

    public string Path { get; } = path;

    /// <summary>The cached pods, or null when there is no cache (or it cannot be read).</summary>
    public IReadOnlyList<Pod>? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }
        try
        {
            var json = File.ReadAllText(Path);
            _lastWritten = json;
            return JsonSerializer.Deserialize(json, PodJsonContext.Default.ListPod);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes the set when it differs from what is on disk; returns whether it wrote.</summary>
    public bool Save(IReadOnlyList<Pod> pods)
    {
        var json = JsonSerializer.Serialize(pods.OrderBy(p => p.Metadata.Uid, StringComparer.Ordinal).ToList(), PodJsonContext.Default.ListPod);
        if (json == _lastWritten)
        {
            return false;
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temp = Path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using var writer = new StreamWriter(stream);
            writer.Write(json);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, Path, overwrite: true);
        _lastWritten = json;
        return true;
    }
}
