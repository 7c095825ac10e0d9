namespace EdgeNode.Core.Nodes;

public sealed record NodeDaemonEndpoints
{
    public DaemonEndpoint? KubeletEndpoint { get; init; }
}
