namespace EdgeNode.Core.Pods;

public sealed record TcpSocketAction
{
    public IntOrString? Port { get; init; }
    public string? Host { get; init; }
}
