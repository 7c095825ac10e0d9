namespace EdgeNode.Testing;

/// <summary>
/// A counter the fakes bump whenever the code under test does something observable (a runtime call,
/// an event, a published status, a timer armed or fired, a probe). <see cref="AsyncWait"/> uses it to tell
/// "still busy" from "stuck" without looking at a clock.
/// </summary>
public sealed class ProgressSignal
{
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void Pulse() => Interlocked.Increment(ref _version);
}
