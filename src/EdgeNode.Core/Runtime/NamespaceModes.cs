namespace EdgeNode.Core.Runtime;

public sealed record NamespaceModes
{
    public NamespaceMode Network { get; init; } = NamespaceMode.Pod;
    public NamespaceMode Pid { get; init; } = NamespaceMode.Container;
    public NamespaceMode Ipc { get; init; } = NamespaceMode.Pod;
}
