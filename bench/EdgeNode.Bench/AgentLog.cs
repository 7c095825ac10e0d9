using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeNode.Bench;

/// <summary>Reads the agent's text log for when each pod was first added (manifest seen and parsed).</summary>
public static partial class AgentLog
{
    /// <summary>Pod full name → time of its first "Pod &lt;ns&gt;/&lt;name&gt; added" line (millisecond resolution).</summary>
    public static Dictionary<string, DateTimeOffset> ReadPodsAdded(string path)
    {
        var added = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (PodAdded().Match(line) is { Success: true } m)
            {
                added.TryAdd(m.Groups["pod"].Value,
                    DateTimeOffset.Parse(m.Groups["time"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
            }
        }
        return added;
    }

    [GeneratedRegex(@"^(?<time>\S+Z) info: EdgeNode\.Pods\[\d+\] Pod [^/\s]+/(?<pod>\S+) added ")]
    private static partial Regex PodAdded();
}
