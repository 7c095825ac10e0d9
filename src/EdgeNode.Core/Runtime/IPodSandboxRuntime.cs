namespace EdgeNode.Core.Runtime;

/// <summary>Pod sandboxes (the pod's network namespace and pause process) in the container runtime.</summary>
public interface IPodSandboxRuntime
{
    Task<string> RunPodSandboxAsync(SandboxSpec spec, CancellationToken cancellationToken);
    Task StopPodSandboxAsync(string sandboxId, CancellationToken cancellationToken);
    Task RemovePodSandboxAsync(string sandboxId, CancellationToken cancellationToken);

    /// <summary>Null when the sandbox does not exist (any more).</summary>
    Task<SandboxStatusInfo?> PodSandboxStatusAsync(string sandboxId, CancellationToken cancellationToken);

    Task<IReadOnlyList<SandboxInfo>> ListPodSandboxesAsync(IReadOnlyDictionary<string, string>? labelSelector, CancellationToken cancellationToken);
}
