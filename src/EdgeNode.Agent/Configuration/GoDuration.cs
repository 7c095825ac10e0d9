using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeNode.Agent.Configuration;

/// <summary>Go/Kubernetes duration strings as the kubelet's config uses them: "20s", "1m30s", "500ms", "2h".</summary>
public static partial class GoDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        if (text == "0")
        {
            return true;
        }
        var matches = Part().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
        {
            return false;
        }
        foreach (Match m in matches)
        {
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += m.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                "us" or "µs" => TimeSpan.FromMicroseconds(value),
                _ => TimeSpan.FromTicks((long)(value / 100)),
            };
        }
        return true;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)")]
    private static partial Regex Part();
}
