using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Engine;

/// <summary>What the runtime has for one pod: its sandboxes and container instances, newest first.</summary>
public sealed record PodRuntimeState(IReadOnlyList<SandboxInfo> Sandboxes, IReadOnlyList<ObservedContainer> Containers, string SandboxIp)
{
    public static PodRuntimeState Empty { get; } = new([], [], "");

    /// <summary>The sandbox containers run in: the newest ready one, else the newest.</summary>
    public SandboxInfo? CurrentSandbox =>
        Sandboxes.FirstOrDefault(s => s.State == SandboxState.Ready) ?? Sandboxes.FirstOrDefault();

    public bool HasReadySandbox => Sandboxes.Any(s => s.State == SandboxState.Ready);

    /// <summary>Newest instance of the named container in any sandbox (it carries the restart count).</summary>
    public ObservedContainer? Latest(string name) => Containers.FirstOrDefault(c => c.Name == name);

    /// <summary>Newest instance of the named container in the current sandbox.</summary>
    public ObservedContainer? LatestInCurrentSandbox(string name)
    {
        var sandbox = CurrentSandbox;
        return sandbox is null ? null : Containers.FirstOrDefault(c => c.Name == name && c.SandboxId == sandbox.Id);
    }

    /// <summary>The instance before the newest one (the source of a container's lastState).</summary>
    public ObservedContainer? Previous(string name) => Containers.Where(c => c.Name == name).Skip(1).FirstOrDefault();
}
