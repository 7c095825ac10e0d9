using System.Runtime.InteropServices;
using EdgeNode.Core.Nodes;

namespace EdgeNode.Hardware.Machine;

/// <summary>
/// Machine facts for the Node from procfs/sysfs/etc under a configurable root (fixture trees in tests):
/// CPUs, MemTotal, machine-id, DMI product UUID (or the device-tree serial on boards), boot id, kernel
/// release, os-release PRETTY_NAME, and the capacity of the filesystem holding the agent's root directory.
/// </summary>
public sealed class LinuxMachineInfoSource(string rootDirectory, string fsRoot = "/") : IMachineInfoSource
{
    public MachineInfo Read() => new()
    {
        CpuCount = Environment.ProcessorCount,
        MemoryBytes = MemInfo.ReadBytes("MemTotal", Path.Combine(fsRoot, "proc")) ?? 0,
        EphemeralStorageBytes = FilesystemCapacity(rootDirectory),
        MachineId = FirstLine("etc/machine-id", "var/lib/dbus/machine-id"),
        SystemUuid = FirstLine("sys/class/dmi/id/product_uuid", "proc/device-tree/serial-number").TrimEnd('\0'),
        BootId = FirstLine("proc/sys/kernel/random/boot_id"),
        KernelVersion = FirstLine("proc/sys/kernel/osrelease"),
        OsImage = OsImage(),
        OperatingSystem = "linux",
        Architecture = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            Architecture.Arm => "arm",
            var other => other.ToString().ToLowerInvariant(),
        },
    };

    private string FirstLine(params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            var path = Path.Combine(fsRoot, candidate);
            try
            {
                if (File.Exists(path))
                {
                    var line = File.ReadLines(path).FirstOrDefault()?.Trim();
                    if (!string.IsNullOrEmpty(line))
                    {
                        return line;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not readable here (e.g. product_uuid needs root): try the next source.
            }
        }
        return "";
    }

    private string OsImage()
    {
        foreach (var candidate in new[] { "etc/os-release", "usr/lib/os-release" })
        {
            var path = Path.Combine(fsRoot, candidate);
            if (!File.Exists(path))
            {
                continue;
            }
            var pretty = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            if (pretty is not null)
            {
                return pretty["PRETTY_NAME=".Length..].Trim('"');
            }
        }
        return "Linux";
    }

    private static long FilesystemCapacity(string path)
    {
        var existing = path;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }
        try
        {
            return new DriveInfo(existing).TotalSize;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return 0;
        }
    }
}
