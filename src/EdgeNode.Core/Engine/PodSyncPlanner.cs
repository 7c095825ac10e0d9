using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Engine;

/// <summary>
/// Decides what a pod needs from its spec and what the runtime has (the kubelet's computePodActions):
/// a sandbox, then init containers one at a time in order, then the app containers per restart policy.
/// Back-off is not decided here; the worker applies it when it starts a container.
/// </summary>
public static class PodSyncPlanner
{
    /// <param name="unhealthy">Running container IDs whose liveness or startup probe failed, with the reason text.</param>
    public static PodSyncPlan Plan(PodSpec spec, PodRuntimeState state, IReadOnlyDictionary<string, string> unhealthy)
    {
        var restartPolicy = spec.RestartPolicy ?? RestartPolicies.Always;
        var restartOnFailure = restartPolicy != RestartPolicies.Never;

        var (newSandbox, attempt) = SandboxChanged(state);
        if (newSandbox)
        {
            var plan = new PodSyncPlan { KillPod = state.Sandboxes.Count > 0, SandboxAttempt = attempt };
            // A pod that ran once and must not restart is finished: no new sandbox for it.
            if (!restartOnFailure && state.Sandboxes.Count > 0 && state.Containers.Count > 0)
            {
                return plan;
            }
            var toStart = spec.Containers
                .Where(c => !(restartPolicy == RestartPolicies.OnFailure && Succeeded(state.Latest(c.Name!))))
                .ToList();
            if (toStart.Count == 0)
            {
                return plan;
            }
            return spec.InitContainers is { Count: > 0 } inits
                ? plan with { CreateSandbox = true, NextInitContainer = inits[0] }
                : plan with { CreateSandbox = true, ContainersToStart = toStart };
        }

        var (failedInit, nextInit, initDone) = FindNextInitContainer(spec, state);
        if (!initDone)
        {
            if (nextInit is null)
            {
                return new PodSyncPlan();
            }
            if (failedInit is not null && !restartOnFailure)
            {
                return new PodSyncPlan { KillPod = true };
            }
            var kills = failedInit is { State: ContainerRunState.Unknown }
                ? [new ContainerToKill(failedInit, nextInit, $"Container {nextInit.Name} is in an unknown state")]
                : Array.Empty<ContainerToKill>();
            return new PodSyncPlan { NextInitContainer = nextInit, ContainersToKill = kills };
        }

        var start = new List<Container>();
        var kill = new List<ContainerToKill>();
        var keep = 0;
        foreach (var container in spec.Containers)
        {
            var instance = state.LatestInCurrentSandbox(container.Name!);
            if (instance is null || instance.State != ContainerRunState.Running)
            {
                if (ShouldStart(instance, restartPolicy))
                {
                    start.Add(container);
                    if (instance is { State: ContainerRunState.Unknown })
                    {
                        kill.Add(new ContainerToKill(instance, container, $"Container {container.Name} is in an unknown state, will be restarted"));
                    }
                }
                continue;
            }

            string message;
            var restart = restartOnFailure;
            if (ImageChanged(container, instance))
            {
                message = $"Container {container.Name} definition changed";
                restart = true;
            }
            else if (unhealthy.TryGetValue(instance.Id, out var why))
            {
                message = why;
            }
            else
            {
                keep++;
                continue;
            }
            if (restart)
            {
                message += ", will be restarted";
                start.Add(container);
            }
            kill.Add(new ContainerToKill(instance, container, message));
        }

        // Nothing runs and nothing will: the pod is finished, release its sandbox.
        var finished = keep == 0 && start.Count == 0 && state.HasReadySandbox;
        return new PodSyncPlan { KillPod = finished, ContainersToStart = start, ContainersToKill = kill };
    }

    /// <summary>
    /// The init container to run next, considering only the current sandbox (a new sandbox runs them all again).
    /// Returns the last failed instance when the next one is a retry of it.
    /// </summary>
    public static (ObservedContainer? Failed, Container? Next, bool Done) FindNextInitContainer(PodSpec spec, PodRuntimeState state)
    {
        if (spec.InitContainers is not { Count: > 0 } inits)
        {
            return (null, null, true);
        }
        if (spec.Containers.Any(c => state.LatestInCurrentSandbox(c.Name!) is not null))
        {
            return (null, null, true);
        }
        for (var i = inits.Count - 1; i >= 0; i--)
        {
            var instance = state.LatestInCurrentSandbox(inits[i].Name!);
            if (instance is not null && InitFailed(instance))
            {
                return (instance, inits[i], false);
            }
        }
        for (var i = inits.Count - 1; i >= 0; i--)
        {
            var instance = state.LatestInCurrentSandbox(inits[i].Name!);
            switch (instance?.State)
            {
                case null:
                    continue;
                case ContainerRunState.Running:
                    return (null, null, false);
                case ContainerRunState.Created:
                    return (null, inits[i], false);
                default:
                    return i == inits.Count - 1 ? (null, null, true) : (null, inits[i + 1], false);
            }
        }
        return (null, inits[0], false);
    }

    private static (bool Changed, uint Attempt) SandboxChanged(PodRuntimeState state)
    {
        if (state.Sandboxes.Count == 0)
        {
            return (true, 0);
        }
        var ready = state.Sandboxes.Count(s => s.State == SandboxState.Ready);
        var nextAttempt = state.Sandboxes.Max(s => s.Attempt) + 1;
        return ready == 1 ? (false, state.CurrentSandbox!.Attempt) : (true, nextAttempt);
    }

    private static bool ShouldStart(ObservedContainer? instance, string restartPolicy) => instance?.State switch
    {
        null or ContainerRunState.Created or ContainerRunState.Unknown => true,
        ContainerRunState.Running => false,
        _ => restartPolicy switch
        {
            RestartPolicies.Never => false,
            RestartPolicies.OnFailure => instance.Status.ExitCode != 0,
            _ => true,
        },
    };

    private static bool Succeeded(ObservedContainer? instance) =>
        instance is { State: ContainerRunState.Exited, Status.ExitCode: 0 };

    private static bool InitFailed(ObservedContainer instance) =>
        instance.State == ContainerRunState.Unknown || (instance.State == ContainerRunState.Exited && instance.Status.ExitCode != 0);

    // The only container field that may change in place is the image; everything else makes a new pod.
    private static bool ImageChanged(Container container, ObservedContainer instance) =>
        instance.Status.Annotations.TryGetValue(PodAnnotations.ContainerImage, out var image) && image != container.Image;
}
