using System.Diagnostics;

namespace EdgeNode.Bench;

/// <summary>A moment as both a monotonic timestamp (for durations) and wall-clock time (to line up with log lines).</summary>
public readonly record struct Instant(long Timestamp, DateTimeOffset Wall)
{
    public static Instant Now() => new(Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);

    public TimeSpan Since(Instant earlier) => Stopwatch.GetElapsedTime(earlier.Timestamp, Timestamp);
}
