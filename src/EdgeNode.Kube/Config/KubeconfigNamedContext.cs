namespace EdgeNode.Kube.Config;

internal sealed record KubeconfigNamedContext
{
    public string? Name { get; init; }
    public KubeconfigContext? Context { get; init; }
}
