namespace EdgeNode.Core.Pods;

public sealed record LifecycleHandler
{
    public ExecAction? Exec { get; init; }
    public HttpGetAction? HttpGet { get; init; }
    public SleepAction? Sleep { get; init; }
}
