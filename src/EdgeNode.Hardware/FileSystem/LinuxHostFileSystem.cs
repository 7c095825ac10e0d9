using System.Runtime.InteropServices;
using EdgeNode.Core.Engine;

namespace EdgeNode.Hardware.FileSystem;

/// <summary>File types via statx(2) (its layout is the same on every architecture) and tmpfs mounts via mount(2).</summary>
public sealed partial class LinuxHostFileSystem : IHostFileSystem
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const ushort TypeMask = 0xF000;
    private const int MntDetach = 2;
    private const int Einval = 22;

    public HostFileType GetFileType(string path)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, 0, StatxType, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            return HostFileType.Missing;
        }
        var mode = (ushort)(BitConverter.ToUInt16(buffer[ModeOffset..]) & TypeMask);
        return mode switch
        {
            0x4000 => HostFileType.Directory,
            0x8000 => HostFileType.File,
            0xC000 => HostFileType.Socket,
            0x2000 => HostFileType.CharDevice,
            0x6000 => HostFileType.BlockDevice,
            _ => HostFileType.Other,
        };
    }

    public void MountTmpfs(string path, long? sizeBytes)
    {
        var options = sizeBytes is > 0 ? $"size={sizeBytes}" : null;
        if (Mount("tmpfs", path, "tmpfs", 0, options) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new VolumeException($"cannot mount a memory-backed emptyDir at {path}: {Marshal.GetPInvokeErrorMessage(errno)}: run EdgeNode as root or use a disk-backed emptyDir");
        }
    }

    public void Unmount(string path)
    {
        if (Umount2(path, MntDetach) != 0 && Marshal.GetLastPInvokeError() != Einval)
        {
            // EINVAL means "not a mount point", the normal case for disk-backed volumes.
            throw new IOException($"cannot unmount {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "mount", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Mount(string source, string target, string fsType, ulong flags, string? data);

    [LibraryImport("libc", EntryPoint = "umount2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Umount2(string target, int flags);
}
