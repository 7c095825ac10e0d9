using System.Runtime.InteropServices;

namespace EdgeNode.Bench;

/// <summary>One line describing the machine the figures come from.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var cpu = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var os = ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "unknown OS";
        var kernel = ReadLines("/proc/sys/kernel/osrelease").FirstOrDefault() ?? "?";
        var memory = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        return $"{RuntimeInformation.OSArchitecture}, {Environment.ProcessorCount} CPUs ({cpu}), {memory} RAM, {os}, kernel {kernel}";
    }

    /// <summary>The process's command line, quoted where needed so it can be pasted into a shell.</summary>
    public static string CommandLine(int pid)
    {
        var args = File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Split('\0');
        return string.Join(' ', args.Select(a => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=:,@+".Contains(c)) ? a : $"'{a.Replace("'", "'\\''", StringComparison.Ordinal)}'"));
    }

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
