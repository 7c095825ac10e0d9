using System.Globalization;
using System.Text.Json;
using EdgeNode.Core.Json;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Probes;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Engine;

/// <summary>
/// Stops containers the kubelet's way (Killing event, preStop hook within the grace period, then
/// StopContainer with what is left, at least 2 s) and removes a finished pod from the node.
/// For containers whose pod spec is gone, grace period and preStop hook come from the container's annotations.
/// </summary>
public sealed class PodKiller(
    ICriRuntime runtime, IProber prober, PodVolumes volumes, IPodCgroups cgroups, SandboxSpecFactory sandboxes,
    IPodEventRecorder events, TimeProvider time)
{
    private static readonly TimeSpan MinimumGracePeriod = TimeSpan.FromSeconds(2);

    public async Task KillContainerAsync(DesiredPod? pod, ObservedContainer instance, Container? spec, string podIp, string message, TimeSpan? grace, CancellationToken cancellationToken)
    {
        if (instance.State is not (ContainerRunState.Running or ContainerRunState.Unknown or ContainerRunState.Created))
        {
            return;
        }
        var gracePeriod = grace ?? GracePeriod(pod, instance);
        if (pod is not null)
        {
            events.Record(pod, EventSeverity.Normal, "Killing", message);
        }
        var started = time.GetUtcNow();
        var preStop = spec?.Lifecycle?.PreStop ?? PreStopFromAnnotation(instance);
        if (preStop is not null && instance.State == ContainerRunState.Running)
        {
            var target = new ProbeTarget(instance.Id, podIp, spec?.Ports ?? []);
            var outcome = await prober.RunHookAsync(preStop, target, gracePeriod, cancellationToken);
            if (!outcome.Success && pod is not null)
            {
                events.Record(pod, EventSeverity.Warning, "FailedPreStopHook", $"PreStopHook failed: {outcome.Output}");
            }
        }
        var remaining = gracePeriod - (time.GetUtcNow() - started);
        await runtime.StopContainerAsync(instance.Id, remaining < MinimumGracePeriod ? MinimumGracePeriod : remaining, cancellationToken);
    }

    /// <summary>Stops every container of the pod in parallel, then its ready sandboxes.</summary>
    public async Task KillPodAsync(DesiredPod? pod, PodRuntimeState state, TimeSpan? grace, CancellationToken cancellationToken)
    {
        var specs = pod?.Pod.Spec.Containers.Concat(pod.Pod.Spec.InitContainers ?? []).ToDictionary(c => c.Name!, StringComparer.Ordinal);
        await Task.WhenAll(state.Containers.Select(c => KillContainerAsync(
            pod, c, specs?.GetValueOrDefault(c.Name), state.SandboxIp, $"Stopping container {c.Name}", grace, cancellationToken)));
        foreach (var sandbox in state.Sandboxes.Where(s => s.State == SandboxState.Ready))
        {
            await runtime.StopPodSandboxAsync(sandbox.Id, cancellationToken);
        }
    }

    /// <summary>Removes the stopped pod's containers, sandboxes, logs, volumes and cgroup.</summary>
    public async Task RemovePodAsync(string uid, PodRuntimeState state, CancellationToken cancellationToken)
    {
        foreach (var container in state.Containers)
        {
            await RemoveContainerAsync(container, cancellationToken);
        }
        foreach (var sandbox in state.Sandboxes)
        {
            await runtime.StopPodSandboxAsync(sandbox.Id, cancellationToken);
            await runtime.RemovePodSandboxAsync(sandbox.Id, cancellationToken);
        }
        var any = state.Sandboxes.FirstOrDefault();
        if (any is not null)
        {
            var logDirectory = sandboxes.LogDirectory(any.Namespace, any.Name, uid);
            if (Directory.Exists(logDirectory))
            {
                Directory.Delete(logDirectory, recursive: true);
            }
        }
        volumes.Cleanup(uid);
        foreach (var qos in Enum.GetValues<QosClass>())
        {
            cgroups.Remove(uid, qos);
        }
    }

    /// <summary>Removes one container instance and its log file (as the kubelet's container GC does).</summary>
    public async Task RemoveContainerAsync(ObservedContainer container, CancellationToken cancellationToken)
    {
        await runtime.RemoveContainerAsync(container.Id, cancellationToken);
        if (!string.IsNullOrEmpty(container.Status.LogPath) && File.Exists(container.Status.LogPath))
        {
            File.Delete(container.Status.LogPath);
        }
    }

    private static TimeSpan GracePeriod(DesiredPod? pod, ObservedContainer instance)
    {
        if (pod?.Pod.Spec.TerminationGracePeriodSeconds is { } seconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return instance.Status.Annotations.TryGetValue(PodAnnotations.PodTerminationGracePeriod, out var value) &&
            long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var annotated)
            ? TimeSpan.FromSeconds(annotated)
            : TimeSpan.FromSeconds(30);
    }

    private static LifecycleHandler? PreStopFromAnnotation(ObservedContainer instance)
    {
        if (!instance.Status.Annotations.TryGetValue(PodAnnotations.ContainerPreStopHandler, out var json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(json, PodJsonContext.Default.LifecycleHandler);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
