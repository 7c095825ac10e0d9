using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Engine;

/// <summary>Computes a pod's API status as the kubelet does: phase, conditions and container statuses.</summary>
public static class PodStatusGenerator
{
    public static PodStatus Generate(PodStatusInput input)
    {
        var spec = input.Spec;
        var inits = spec.InitContainers ?? [];
        var (_, _, initDone) = PodSyncPlanner.FindNextInitContainer(spec, input.State);
        var initStatuses = inits.Select(c => ContainerStatusOf(c, input, isInit: true, initDone)).ToList();
        var appStatuses = spec.Containers.Select(c => ContainerStatusOf(c, input, isInit: false, initDone)).ToList();

        var phase = input.TerminalReason is not null ? PodPhases.Failed
            : input.PodIsTerminal ? (appStatuses.All(c => c.State.Terminated is { ExitCode: 0 }) ? PodPhases.Succeeded : PodPhases.Failed)
            : Phase(spec, initStatuses, appStatuses);
        if (PodPhases.IsTerminal(input.Previous?.Phase) && input.Previous!.Phase != phase && (spec.RestartPolicy ?? RestartPolicies.Always) != RestartPolicies.Always)
        {
            phase = input.Previous.Phase!; // a terminal phase never changes back
        }

        var hostNetwork = spec.HostNetwork == true;
        var podIp = hostNetwork ? input.HostIp : input.State.SandboxIp;
        var sandboxReady = input.State.HasReadySandbox;
        var conditions = new List<PodCondition>
        {
            Condition(input, "PodReadyToStartContainers", sandboxReady, null, null),
            InitializedCondition(input, inits, initStatuses, phase),
            ReadyCondition(input, "Ready", appStatuses, phase),
            ReadyCondition(input, "ContainersReady", appStatuses, phase),
            Condition(input, "PodScheduled", true, null, null),
        };

        return new PodStatus
        {
            Phase = phase,
            Conditions = conditions,
            Reason = input.TerminalReason?.Reason,
            Message = input.TerminalReason?.Message,
            HostIP = NullIfEmpty(input.HostIp),
            HostIPs = string.IsNullOrEmpty(input.HostIp) ? null : [new PodIP { Ip = input.HostIp }],
            PodIP = NullIfEmpty(podIp),
            PodIPs = string.IsNullOrEmpty(podIp) ? null : [new PodIP { Ip = podIp }],
            StartTime = input.Previous?.StartTime ?? input.State.Sandboxes.Select(s => (DateTimeOffset?)s.CreatedAt).Min() ?? input.Now,
            InitContainerStatuses = initStatuses.Count == 0 ? null : initStatuses,
            ContainerStatuses = appStatuses,
            QosClass = QosClassifier.Classify(spec).ToApiString(),
        };
    }

    /// <summary>The kubelet's getPhase.</summary>
    public static string Phase(PodSpec spec, IReadOnlyList<ContainerStatus> inits, IReadOnlyList<ContainerStatus> apps)
    {
        var restartPolicy = spec.RestartPolicy ?? RestartPolicies.Always;
        int pendingInit = 0, failedInit = 0;
        foreach (var s in inits)
        {
            if (s.State.Terminated is { } t)
            {
                if (t.ExitCode != 0)
                {
                    failedInit++;
                }
            }
            else if (s.State.Waiting is not null && s.LastState?.Terminated is { ExitCode: not 0 })
            {
                failedInit++;
            }
            else
            {
                pendingInit++;
            }
        }
        int unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0;
        foreach (var s in apps)
        {
            if (s.State.Running is not null)
            {
                running++;
            }
            else if (s.State.Terminated is { } t)
            {
                stopped++;
                if (t.ExitCode == 0)
                {
                    succeeded++;
                }
            }
            else if (s.State.Waiting is not null)
            {
                if (s.LastState?.Terminated is not null)
                {
                    stopped++;
                }
                else
                {
                    waiting++;
                }
            }
            else
            {
                unknown++;
            }
        }

        if (failedInit > 0 && restartPolicy == RestartPolicies.Never)
        {
            return PodPhases.Failed;
        }
        if (pendingInit > 0 || waiting > 0)
        {
            return PodPhases.Pending;
        }
        if (running > 0 && unknown == 0)
        {
            return PodPhases.Running;
        }
        if (running == 0 && stopped > 0 && unknown == 0)
        {
            if (restartPolicy == RestartPolicies.Always)
            {
                return PodPhases.Running;
            }
            if (stopped == succeeded)
            {
                return PodPhases.Succeeded;
            }
            return restartPolicy == RestartPolicies.Never ? PodPhases.Failed : PodPhases.Running;
        }
        return PodPhases.Pending;
    }

    private static ContainerStatus ContainerStatusOf(Container container, PodStatusInput input, bool isInit, bool initDone)
    {
        var name = container.Name!;
        var latest = input.State.Latest(name);
        input.Waiting.TryGetValue(name, out var waiting);
        var image = container.Image ?? "";
        if (latest is null)
        {
            var defaultReason = !isInit && !initDone ? "PodInitializing" : "ContainerCreating";
            return new ContainerStatus
            {
                Name = name,
                Image = image,
                Started = false,
                State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = waiting?.Reason ?? defaultReason, Message = waiting?.Message } },
            };
        }

        var status = latest.Status;
        var containerId = $"{input.RuntimeName}://{status.Id}";
        ContainerState state;
        ContainerState? lastState = Terminated(input.State.Previous(name), input.RuntimeName);
        var ready = false;
        var started = false;
        switch (status.State)
        {
            case ContainerRunState.Running:
                state = new ContainerState { Running = new ContainerStateRunning { StartedAt = status.StartedAt } };
                started = input.IsStarted(status.Id);
                ready = !isInit && started && input.IsReady(status.Id); // an init container is ready only once it completed
                break;
            case ContainerRunState.Exited when waiting is not null:
                state = new ContainerState { Waiting = new ContainerStateWaiting { Reason = waiting.Reason, Message = waiting.Message } };
                lastState = Terminated(latest, input.RuntimeName);
                break;
            case ContainerRunState.Exited:
                state = Terminated(latest, input.RuntimeName)!;
                ready = isInit && status.ExitCode == 0;
                break;
            case ContainerRunState.Created:
                state = new ContainerState { Waiting = new ContainerStateWaiting { Reason = waiting?.Reason ?? "ContainerCreating", Message = waiting?.Message } };
                break;
            default:
                state = new ContainerState { Waiting = new ContainerStateWaiting { Reason = "ContainerStatusUnknown", Message = "The container runtime cannot tell the state of this container." } };
                break;
        }
        return new ContainerStatus
        {
            Name = name,
            State = state,
            LastState = lastState ?? new ContainerState(),
            Ready = ready,
            Started = started,
            RestartCount = latest.RestartCount,
            Image = image,
            ImageID = status.ImageRef,
            ContainerID = containerId,
        };
    }

    private static ContainerState? Terminated(ObservedContainer? instance, string runtimeName)
    {
        if (instance is not { State: ContainerRunState.Exited })
        {
            return null;
        }
        var s = instance.Status;
        return new ContainerState
        {
            Terminated = new ContainerStateTerminated
            {
                ExitCode = s.ExitCode,
                Reason = string.IsNullOrEmpty(s.Reason) ? (s.ExitCode == 0 ? "Completed" : "Error") : s.Reason,
                Message = NullIfEmpty(s.Message),
                StartedAt = s.StartedAt,
                FinishedAt = s.FinishedAt,
                ContainerID = $"{runtimeName}://{s.Id}",
            },
        };
    }

    private static PodCondition InitializedCondition(PodStatusInput input, List<Container> inits, List<ContainerStatus> statuses, string phase)
    {
        if (inits.Count == 0)
        {
            return Condition(input, "Initialized", true, null, null);
        }
        var incomplete = statuses.Where(s => s.State.Terminated is not { ExitCode: 0 }).Select(s => s.Name).ToList();
        if (incomplete.Count == 0)
        {
            return Condition(input, "Initialized", true, phase == PodPhases.Succeeded ? "PodCompleted" : null, null);
        }
        return Condition(input, "Initialized", false, "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(' ', incomplete)}]");
    }

    private static PodCondition ReadyCondition(PodStatusInput input, string type, List<ContainerStatus> statuses, string phase)
    {
        if (phase == PodPhases.Succeeded)
        {
            return Condition(input, type, false, "PodCompleted", null);
        }
        if (phase == PodPhases.Failed)
        {
            return Condition(input, type, false, "PodFailed", null);
        }
        var unready = statuses.Where(s => !s.Ready).Select(s => s.Name).ToList();
        return unready.Count == 0
            ? Condition(input, type, true, null, null)
            : Condition(input, type, false, "ContainersNotReady", $"containers with unready status: [{string.Join(' ', unready)}]");
    }

    private static PodCondition Condition(PodStatusInput input, string type, bool value, string? reason, string? message)
    {
        var status = value ? "True" : "False";
        var previous = input.Previous?.Conditions?.FirstOrDefault(c => c.Type == type);
        return new PodCondition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastTransitionTime = previous is not null && previous.Status == status ? previous.LastTransitionTime : input.Now,
        };
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
