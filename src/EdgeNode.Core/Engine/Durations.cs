using System.Globalization;

namespace EdgeNode.Core.Engine;

public static class Durations
{
    /// <summary>Go's duration format as the kubelet prints it: 10s, 2m40s, 5m0s.</summary>
    public static string Format(TimeSpan d)
    {
        if (d < TimeSpan.FromMinutes(1))
        {
            return d.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        }
        return $"{(int)d.TotalMinutes}m{d.Seconds}s";
    }
}
