using EdgeNode.Core.Nodes;
using EdgeNode.Hardware.Machine;

namespace EdgeNode.Hardware.Pressure;

/// <summary>
/// Pressure from the kubelet's default hard eviction thresholds, read directly: memory.available
/// (MemAvailable) below 100Mi, nodefs.available below 10% or nodefs.inodesFree below 5% of the filesystem
/// holding the root directory. PID pressure has no default threshold. The hardware layer replaces this
/// with its full evaluator (soft thresholds, transition period, eviction).
/// </summary>
public sealed class BasicPressureSource(string rootDirectory, string procRoot = "/proc") : IPressureSource
{
    private const long MemoryAvailableThreshold = 100L * 1024 * 1024;
    private const double NodefsAvailableThreshold = 0.10;

    public PressureState Current() => new(MemoryPressure(), DiskPressure(), false);

    private bool? MemoryPressure() =>
        MemInfo.ReadBytes("MemAvailable", procRoot) is { } available ? available < MemoryAvailableThreshold : null;

    private bool? DiskPressure()
    {
        try
        {
            var drive = new DriveInfo(ExistingAncestor(rootDirectory));
            return drive.TotalSize > 0 && drive.AvailableFreeSpace < drive.TotalSize * NodefsAvailableThreshold;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static string ExistingAncestor(string path)
    {
        while (!Directory.Exists(path) && Path.GetDirectoryName(path) is { } parent)
        {
            path = parent;
        }
        return path;
    }
}
