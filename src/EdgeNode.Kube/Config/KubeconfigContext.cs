namespace EdgeNode.Kube.Config;

internal sealed record KubeconfigContext
{
    public string? Cluster { get; init; }
    public string? User { get; init; }
    public string? Namespace { get; init; }
}
