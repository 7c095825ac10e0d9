namespace EdgeNode.Core.Runtime;

/// <summary>CRI MountPropagation, same order.</summary>
public enum MountPropagationMode
{
    Private,
    HostToContainer,
    Bidirectional,
}
