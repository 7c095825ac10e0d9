namespace EdgeNode.Core.Pods;

public sealed record ExecAction
{
    public List<string>? Command { get; init; }
}
