namespace EdgeNode.Core.Pods;

public sealed record PodIP
{
    public string? Ip { get; init; }
}
