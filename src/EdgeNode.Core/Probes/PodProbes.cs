using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Probes;

/// <summary>
/// The probe workers of one pod, one per (running container instance, probe type), and their results.
/// Initial results follow the kubelet: liveness Success, readiness Failure, startup Unknown; liveness
/// and readiness wait for the startup probe to succeed.
/// </summary>
public sealed class PodProbes(IProber prober, TimeProvider time, IPodEventRecorder events, Action onChange) : IAsyncDisposable
{
    private readonly Dictionary<(string ContainerId, ProbeType Type), ProbeWorker> _workers = [];
    private readonly Dictionary<string, string> _containerNames = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Starts workers for newly running containers and stops those whose container is gone.</summary>
    public async Task SyncAsync(DesiredPod pod, PodRuntimeState state)
    {
        var running = new Dictionary<string, (Container Spec, ObservedContainer Instance)>(StringComparer.Ordinal);
        foreach (var container in pod.Pod.Spec.Containers)
        {
            if (state.LatestInCurrentSandbox(container.Name!) is { State: ContainerRunState.Running } instance)
            {
                running[instance.Id] = (container, instance);
            }
        }

        List<ProbeWorker> stale;
        lock (_lock)
        {
            stale = _workers.Where(w => !running.ContainsKey(w.Key.ContainerId)).Select(w => w.Value).ToList();
            foreach (var key in _workers.Keys.Where(k => !running.ContainsKey(k.ContainerId)).ToList())
            {
                _workers.Remove(key);
                _containerNames.Remove(key.ContainerId);
            }
            foreach (var (id, (spec, instance)) in running)
            {
                _containerNames[id] = spec.Name!;
                var target = new ProbeTarget(id, state.SandboxIp, spec.Ports ?? []);
                var startedAt = instance.Status.StartedAt ?? instance.Status.CreatedAt;
                Start(pod, id, ProbeType.Startup, spec.StartupProbe, target, startedAt);
                Start(pod, id, ProbeType.Liveness, spec.LivenessProbe, target, startedAt);
                Start(pod, id, ProbeType.Readiness, spec.ReadinessProbe, target, startedAt);
            }
        }
        foreach (var worker in stale)
        {
            await worker.DisposeAsync();
        }
    }

    public bool IsReady(string containerId) => ResultOr(containerId, ProbeType.Readiness, ProbeResult.Success) == ProbeResult.Success;

    public bool IsStarted(string containerId) => ResultOr(containerId, ProbeType.Startup, ProbeResult.Success) == ProbeResult.Success;

    /// <summary>Running containers whose liveness or startup probe failed, with the kubelet's kill message.</summary>
    public IReadOnlyDictionary<string, string> Unhealthy()
    {
        lock (_lock)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var ((id, type), worker) in _workers)
            {
                if (type != ProbeType.Readiness && worker.Tracker.Result == ProbeResult.Failure)
                {
                    result[id] = $"Container {_containerNames[id]} failed {(type == ProbeType.Liveness ? "liveness" : "startup")} probe";
                }
            }
            return result;
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<ProbeWorker> workers;
        lock (_lock)
        {
            workers = [.. _workers.Values];
            _workers.Clear();
        }
        foreach (var worker in workers)
        {
            await worker.DisposeAsync();
        }
    }

    private void Start(DesiredPod pod, string containerId, ProbeType type, Probe? probe, ProbeTarget target, DateTimeOffset startedAt)
    {
        if (probe is null || _workers.ContainsKey((containerId, type)))
        {
            return;
        }
        Func<bool> mayRun = type == ProbeType.Startup ? () => true : () => IsStarted(containerId);
        _workers[(containerId, type)] = new ProbeWorker(type, probe, target, startedAt, prober, time, mayRun, (worker, outcome, changed) =>
        {
            if (!outcome.Success)
            {
                events.Record(pod, EventSeverity.Warning, "Unhealthy", $"{type} probe failed: {outcome.Output}");
            }
            if (changed)
            {
                onChange();
            }
        });
    }

    private ProbeResult ResultOr(string containerId, ProbeType type, ProbeResult absent)
    {
        lock (_lock)
        {
            return _workers.TryGetValue((containerId, type), out var worker) ? worker.Tracker.Result : absent;
        }
    }
}
