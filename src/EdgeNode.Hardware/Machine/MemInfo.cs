using System.Globalization;

namespace EdgeNode.Hardware.Machine;

/// <summary>Reads /proc/meminfo values (kB in the file, bytes here).</summary>
public static class MemInfo
{
    /// <summary>The value of one field (e.g. MemTotal) in bytes, or null if the file or field is missing or malformed.</summary>
    public static long? ReadBytes(string field, string procRoot = "/proc")
    {
        var path = Path.Combine(procRoot, "meminfo");
        if (!File.Exists(path))
        {
            return null;
        }
        foreach (var line in File.ReadLines(path))
        {
            if (!line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                continue;
            }
            var parts = line[(field.Length + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length > 0 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) && kb >= 0
                ? kb * 1024
                : null;
        }
        return null;
    }
}
