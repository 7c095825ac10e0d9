namespace EdgeNode.Core.Pods;

public sealed record ContainerStateRunning
{
    public DateTimeOffset? StartedAt { get; init; }
}
