using System.Globalization;

namespace EdgeNode.Bench;

/// <summary>Min, p50, p95 and max of a set of durations; percentiles by nearest rank (p95 of 20 samples is the 19th smallest).</summary>
public sealed record Distribution(int Count, TimeSpan Min, TimeSpan P50, TimeSpan P95, TimeSpan Max)
{
    public static Distribution Of(IEnumerable<TimeSpan> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Distribution(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        }
        TimeSpan Rank(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new Distribution(sorted.Length, sorted[0], Rank(0.50), Rank(0.95), sorted[^1]);
    }

    public override string ToString() => Count == 0
        ? "(no samples)"
        : $"min {Ms(Min)}  p50 {Ms(P50)}  p95 {Ms(P95)}  max {Ms(Max)}  (n={Count})";

    public static string Ms(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds,5:F0} ms");
}
