using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Probes;

public interface IProber
{
    Task<ProbeOutcome> ProbeAsync(Probe probe, ProbeTarget target, CancellationToken cancellationToken);

    /// <summary>Runs a lifecycle hook (exec, httpGet or sleep) within <paramref name="timeout"/>.</summary>
    Task<ProbeOutcome> RunHookAsync(LifecycleHandler handler, ProbeTarget target, TimeSpan timeout, CancellationToken cancellationToken);
}
