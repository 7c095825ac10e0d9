using EdgeNode.Core.Pods;
using EdgeNode.Core.Probes;

namespace EdgeNode.Testing;

/// <summary>
/// Answers probes and hooks with outcomes set by the test: per probe instance (reference), else
/// <see cref="DefaultOutcome"/>. Records every call. Thread-safe.
/// </summary>
public sealed class FakeProber(ProgressSignal? progress = null) : IProber
{
    private readonly Dictionary<Probe, ProbeOutcome> _outcomes = new(ReferenceEqualityComparer.Instance);
    private readonly List<(Probe Probe, ProbeTarget Target)> _calls = [];
    private readonly List<(LifecycleHandler Handler, ProbeTarget Target, TimeSpan Timeout)> _hooks = [];
    private readonly Lock _lock = new();

    public ProbeOutcome DefaultOutcome { get; set; } = new(true, "");
    public ProbeOutcome HookOutcome { get; set; } = new(true, "");

    public IReadOnlyList<(Probe Probe, ProbeTarget Target)> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<(LifecycleHandler Handler, ProbeTarget Target, TimeSpan Timeout)> HookCalls
    {
        get
        {
            lock (_lock)
            {
                return [.. _hooks];
            }
        }
    }

    /// <summary>How often <paramref name="probe"/> (this instance) was run.</summary>
    public int CallsTo(Probe probe)
    {
        lock (_lock)
        {
            return _calls.Count(c => ReferenceEquals(c.Probe, probe));
        }
    }

    public void SetOutcome(Probe probe, bool success, string output = "")
    {
        lock (_lock)
        {
            _outcomes[probe] = new ProbeOutcome(success, output);
        }
    }

    public Task<ProbeOutcome> ProbeAsync(Probe probe, ProbeTarget target, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _calls.Add((probe, target));
            progress?.Pulse();
            return Task.FromResult(_outcomes.TryGetValue(probe, out var outcome) ? outcome : DefaultOutcome);
        }
    }

    public Task<ProbeOutcome> RunHookAsync(LifecycleHandler handler, ProbeTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _hooks.Add((handler, target, timeout));
            progress?.Pulse();
            return Task.FromResult(HookOutcome);
        }
    }
}
