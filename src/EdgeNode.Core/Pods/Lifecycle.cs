namespace EdgeNode.Core.Pods;

public sealed record Lifecycle
{
    public LifecycleHandler? PostStart { get; init; }
    public LifecycleHandler? PreStop { get; init; }
}
