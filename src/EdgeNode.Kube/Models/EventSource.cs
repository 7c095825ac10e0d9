namespace EdgeNode.Kube.Models;

/// <summary>Who reported an <see cref="Event"/>: the kubelet writes <c>{component: kubelet, host: &lt;node&gt;}</c>.</summary>
public sealed record EventSource
{
    public string? Component { get; init; }
    public string? Host { get; init; }
}
