namespace EdgeNode.Core.Runtime;

/// <summary>Which namespace a container or sandbox gets (CRI NamespaceMode, same order).</summary>
public enum NamespaceMode
{
    Pod,
    Container,
    Node,
}
