namespace EdgeNode.Core.Pods;

public sealed record Probe
{
    public ExecAction? Exec { get; init; }
    public HttpGetAction? HttpGet { get; init; }
    public TcpSocketAction? TcpSocket { get; init; }
    public int? InitialDelaySeconds { get; init; }
    public int? TimeoutSeconds { get; init; }
    public int? PeriodSeconds { get; init; }
    public int? SuccessThreshold { get; init; }
    public int? FailureThreshold { get; init; }
    public long? TerminationGracePeriodSeconds { get; init; }
}
