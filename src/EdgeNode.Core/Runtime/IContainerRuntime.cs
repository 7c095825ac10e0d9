namespace EdgeNode.Core.Runtime;

/// <summary>Container lifecycle in the container runtime.</summary>
public interface IContainerRuntime
{
    Task<string> CreateContainerAsync(string sandboxId, ContainerSpec spec, SandboxSpec sandbox, CancellationToken cancellationToken);
    Task StartContainerAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Sends the stop signal, then SIGKILL after <paramref name="timeout"/>. A missing container is not an error.</summary>
    Task StopContainerAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken);

    Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Runs a command in a running container and waits for it (probes, hooks).</summary>
    Task<ExecResult> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken);
}
