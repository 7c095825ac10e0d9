namespace EdgeNode.Core.Runtime;

/// <summary>CRI ContainerState, same order.</summary>
public enum ContainerRunState
{
    Created,
    Running,
    Exited,
    Unknown,
}
