using System.Globalization;

namespace EdgeNode.Bench;

/// <summary>One reading of a process's memory and CPU from /proc/&lt;pid&gt;/status and /proc/&lt;pid&gt;/stat.</summary>
public sealed record ProcessSample(long RssKiB, long PeakRssKiB, long AnonKiB, long FileKiB, int Threads, TimeSpan CpuTime)
{
    /// <summary>USER_HZ: the unit of utime/stime in /proc/&lt;pid&gt;/stat, fixed at 100 by the kernel ABI on x86_64 and arm64.</summary>
    private const int ClockTicksPerSecond = 100;

    public static ProcessSample Read(int pid)
    {
        string status, stat;
        try
        {
            status = File.ReadAllText($"/proc/{pid}/status");
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            throw new BenchException($"the agent (pid {pid}) is no longer running; see its log.");
        }

        long Field(string name)
        {
            var line = status.Split('\n').FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))
                ?? throw new BenchException($"/proc/{pid}/status has no {name} line");
            return long.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }

        // Fields after "(comm)": state is field 3, utime field 14, stime field 15 (proc(5)).
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
        return new ProcessSample(Field("VmRSS"), Field("VmHWM"), Field("RssAnon"), Field("RssFile"), (int)Field("Threads"), TimeSpan.FromSeconds((double)ticks / ClockTicksPerSecond));
    }

    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    public override string ToString() =>
        $"VmRSS {Mib(RssKiB)} (anon {Mib(AnonKiB)}, file {Mib(FileKiB)}), VmHWM {Mib(PeakRssKiB)}, {Threads} threads, CPU {CpuTime.TotalSeconds:F2} s";

    private static string Mib(long kib) => string.Create(CultureInfo.InvariantCulture, $"{kib / 1024.0:F1} MiB");
}
