namespace EdgeNode.Core.Pods;

public sealed record SleepAction
{
    public long Seconds { get; init; }
}
