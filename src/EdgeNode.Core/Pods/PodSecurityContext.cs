namespace EdgeNode.Core.Pods;

public sealed record PodSecurityContext
{
    public long? RunAsUser { get; init; }
    public long? RunAsGroup { get; init; }
    public bool? RunAsNonRoot { get; init; }
    public List<long>? SupplementalGroups { get; init; }
    public long? FsGroup { get; init; }
    public List<Sysctl>? Sysctls { get; init; }
}
