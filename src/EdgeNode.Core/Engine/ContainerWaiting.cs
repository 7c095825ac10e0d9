namespace EdgeNode.Core.Engine;

/// <summary>Why a container is not running right now (ErrImagePull, CrashLoopBackOff, RunContainerError …).</summary>
public sealed record ContainerWaiting(string Reason, string Message);
