using Microsoft.Extensions.Time.Testing;

namespace EdgeNode.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers created on it (Task.Delay, PeriodicTimer and
/// CreateTimer all create one), so a test can tell that a loop has reached its next wait before it
/// advances the clock.
/// </summary>
public sealed class TrackingTimeProvider : FakeTimeProvider
{
    private int _timersCreated;

    public TrackingTimeProvider()
        : base(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public int TimersCreated => Volatile.Read(ref _timersCreated);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timersCreated);
        return timer;
    }
}
