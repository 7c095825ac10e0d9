using EdgeNode.Core.Engine;

namespace EdgeNode.Testing;

/// <summary>
/// Host file types set by the test (sockets, devices …); paths not set are looked up on the real file
/// system (directories and files only) unless <see cref="UseRealFileSystem"/> is false. Mounts are recorded, never made.
/// </summary>
public sealed class FakeHostFileSystem : IHostFileSystem
{
    private readonly Dictionary<string, HostFileType> _types = new(StringComparer.Ordinal);
    private readonly List<(string Path, long? SizeBytes)> _tmpfsMounts = [];
    private readonly List<string> _unmounts = [];
    private readonly Lock _lock = new();

    public bool UseRealFileSystem { get; set; } = true;

    public IReadOnlyList<(string Path, long? SizeBytes)> TmpfsMounts
    {
        get
        {
            lock (_lock)
            {
                return [.. _tmpfsMounts];
            }
        }
    }

    public IReadOnlyList<string> Unmounts
    {
        get
        {
            lock (_lock)
            {
                return [.. _unmounts];
            }
        }
    }

    public void SetType(string path, HostFileType type)
    {
        lock (_lock)
        {
            _types[path] = type;
        }
    }

    public HostFileType GetFileType(string path)
    {
        lock (_lock)
        {
            if (_types.TryGetValue(path, out var type))
            {
                return type;
            }
        }
        if (!UseRealFileSystem)
        {
            return HostFileType.Missing;
        }
        return Directory.Exists(path) ? HostFileType.Directory : File.Exists(path) ? HostFileType.File : HostFileType.Missing;
    }

    public void MountTmpfs(string path, long? sizeBytes)
    {
        lock (_lock)
        {
            _tmpfsMounts.Add((path, sizeBytes));
        }
    }

    public void Unmount(string path)
    {
        lock (_lock)
        {
            _unmounts.Add(path);
        }
    }
}
