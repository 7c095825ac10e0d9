using System.Collections.Concurrent;
using EdgeNode.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EdgeNode.Kube.Tests.Infrastructure;

/// <summary>A <see cref="FakeTimeProvider"/> that records the due time of every timer created (Task.Delay, CTS timeouts).</summary>
internal sealed class RecordingTimeProvider(ProgressSignal? progress = null)
    : FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero))
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

    public IReadOnlyList<TimeSpan> DueTimes => [.. _dueTimes];

    public int CountOf(TimeSpan dueTime) => _dueTimes.Count(d => d == dueTime);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _dueTimes.Enqueue(dueTime);
        progress?.Pulse();
        return timer;
    }
}
