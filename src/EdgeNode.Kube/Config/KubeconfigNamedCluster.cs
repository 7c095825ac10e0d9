namespace EdgeNode.Kube.Config;

internal sealed record KubeconfigNamedCluster
{
    public string? Name { get; init; }
    public KubeconfigCluster? Cluster { get; init; }
}
