namespace EdgeNode.Core.Runtime;

public interface IRuntimeInfo
{
    /// <summary>The runtime endpoint as the user configured it (for messages).</summary>
    string Endpoint { get; }

    Task<RuntimeVersion> VersionAsync(CancellationToken cancellationToken);
    Task<RuntimeHealth> StatusAsync(CancellationToken cancellationToken);
}
