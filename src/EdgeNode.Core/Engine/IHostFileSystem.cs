namespace EdgeNode.Core.Engine;

/// <summary>The few host file-system operations volumes need beyond System.IO.</summary>
public interface IHostFileSystem
{
    HostFileType GetFileType(string path);

    /// <summary>Mounts a tmpfs (memory-backed emptyDir) on an existing directory.</summary>
    void MountTmpfs(string path, long? sizeBytes);

    /// <summary>Unmounts if something is mounted there; a plain directory is left alone.</summary>
    void Unmount(string path);
}
