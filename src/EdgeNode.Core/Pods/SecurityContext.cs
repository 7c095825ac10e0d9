namespace EdgeNode.Core.Pods;

public sealed record SecurityContext
{
    public long? RunAsUser { get; init; }
    public long? RunAsGroup { get; init; }
    public bool? RunAsNonRoot { get; init; }
    public bool? Privileged { get; init; }
    public Capabilities? Capabilities { get; init; }
    public bool? ReadOnlyRootFilesystem { get; init; }
    public bool? AllowPrivilegeEscalation { get; init; }
}
