using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Probes;

/// <summary>
/// Probes one container instance with one probe: first after initialDelaySeconds from the container's
/// start, then every periodSeconds. A startup probe stops once it succeeded, a liveness probe once it
/// failed (the container is about to be restarted).
/// </summary>
internal sealed class ProbeWorker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ProbeWorker(
        ProbeType type, Probe probe, ProbeTarget target, DateTimeOffset startedAt, IProber prober, TimeProvider time,
        Func<bool> mayRun, Action<ProbeWorker, ProbeOutcome, bool> report)
    {
        Type = type;
        Tracker = new ProbeResultTracker(type, probe.SuccessThreshold ?? 1, probe.FailureThreshold ?? 3);
        _loop = RunAsync(probe, target, startedAt, prober, time, mayRun, report, _stop.Token);
    }

    public ProbeType Type { get; }
    public ProbeResultTracker Tracker { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private async Task RunAsync(
        Probe probe, ProbeTarget target, DateTimeOffset startedAt, IProber prober, TimeProvider time,
        Func<bool> mayRun, Action<ProbeWorker, ProbeOutcome, bool> report, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var firstRun = startedAt + TimeSpan.FromSeconds(probe.InitialDelaySeconds ?? 0);
        var wait = firstRun - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
        var period = TimeSpan.FromSeconds(probe.PeriodSeconds ?? 10);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (mayRun())
            {
                var outcome = await prober.ProbeAsync(probe, target, cancellationToken);
                var changed = Tracker.Record(outcome.Success);
                report(this, outcome, changed);
                if ((Type == ProbeType.Startup && Tracker.Result == ProbeResult.Success) ||
                    (Type == ProbeType.Liveness && Tracker.Result == ProbeResult.Failure))
                {
                    return;
                }
            }
            await Task.Delay(period, time, cancellationToken);
        }
    }
}
