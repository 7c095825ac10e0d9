using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Engine;

/// <summary>Everything the status of one pod is computed from.</summary>
public sealed record PodStatusInput
{
    public required PodSpec Spec { get; init; }
    public required PodRuntimeState State { get; init; }
    public required DateTimeOffset Now { get; init; }

    /// <summary>The runtime name used in container IDs (<c>containerd://…</c>).</summary>
    public string RuntimeName { get; init; } = "containerd";

    public IReadOnlyDictionary<string, ContainerWaiting> Waiting { get; init; } = new Dictionary<string, ContainerWaiting>();

    /// <summary>Readiness probe result per running container ID (no probe = ready).</summary>
    public Func<string, bool> IsReady { get; init; } = _ => true;

    /// <summary>Startup probe result per running container ID (no probe = started).</summary>
    public Func<string, bool> IsStarted { get; init; } = _ => true;

    public PodStatus? Previous { get; init; }
    public string HostIp { get; init; } = "";

    /// <summary>Set when the pod was ended for a pod-level reason (DeadlineExceeded …): phase Failed with this reason.</summary>
    public ContainerWaiting? TerminalReason { get; init; }

    /// <summary>The pod has been terminated (deleted): the phase is Succeeded if every container exited 0, else Failed.</summary>
    public bool PodIsTerminal { get; init; }
}
