namespace EdgeNode.Core.Runtime;

public enum SandboxState
{
    Ready,
    NotReady,
}
