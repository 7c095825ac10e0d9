namespace EdgeNode.Core.Runtime;

public interface IContainerStatusReader
{
    Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(IReadOnlyDictionary<string, string>? labelSelector, CancellationToken cancellationToken);

    /// <summary>Null when the container does not exist (any more).</summary>
    Task<ContainerStatusInfo?> ContainerStatusAsync(string containerId, CancellationToken cancellationToken);
}
