namespace EdgeNode.Kube.Config;

internal sealed record KubeconfigNamedUser
{
    public string? Name { get; init; }
    public KubeconfigUser? User { get; init; }
}
