namespace EdgeNode.Core.Runtime;

/// <summary>CRI LinuxContainerSecurityContext, the parts EdgeNode sets.</summary>
public sealed record ContainerSecurity
{
    public IReadOnlyList<string> AddCapabilities { get; init; } = [];
    public IReadOnlyList<string> DropCapabilities { get; init; } = [];
    public bool Privileged { get; init; }
    public long? RunAsUser { get; init; }
    public long? RunAsGroup { get; init; }
    public bool ReadonlyRootfs { get; init; }
    public bool NoNewPrivs { get; init; }
    public IReadOnlyList<long> SupplementalGroups { get; init; } = [];
    public IReadOnlyList<string> MaskedPaths { get; init; } = [];
    public IReadOnlyList<string> ReadonlyPaths { get; init; } = [];
    public NamespaceModes Namespaces { get; init; } = new();
}
