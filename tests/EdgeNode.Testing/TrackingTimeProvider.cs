using Microsoft.Extensions.Time.Testing;

namespace EdgeNode.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers created on it (Task.Delay, PeriodicTimer and
/// CreateTimer all create one) and the timer callbacks it ran, so a test can tell that a loop has reached
/// its next wait before it advances the clock, and whether advancing the clock woke anything.
/// </summary>
public sealed class TrackingTimeProvider(ProgressSignal? progress = null)
    : FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero))
{
    private int _timersCreated;
    private int _timersFired;

    public int TimersCreated => Volatile.Read(ref _timersCreated);
    public int TimersFired => Volatile.Read(ref _timersFired);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(
            s =>
            {
                Interlocked.Increment(ref _timersFired);
                progress?.Pulse();
                callback(s);
            },
            state, dueTime, period);
        Interlocked.Increment(ref _timersCreated);
        progress?.Pulse();
        return timer;
    }
}
