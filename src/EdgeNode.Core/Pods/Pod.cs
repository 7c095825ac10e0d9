namespace EdgeNode.Core.Pods;

/// <summary>A v1 Pod: the subset of the Kubernetes API object that EdgeNode understands.</summary>
public sealed record Pod
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public ObjectMeta Metadata { get; init; } = new();
    public PodSpec Spec { get; init; } = new();
    public PodStatus? Status { get; init; }
}
