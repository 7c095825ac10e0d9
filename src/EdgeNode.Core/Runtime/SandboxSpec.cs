namespace EdgeNode.Core.Runtime;

/// <summary>What a pod sandbox is created from (CRI PodSandboxConfig).</summary>
public sealed record SandboxSpec
{
    public required string Name { get; init; }
    public required string Namespace { get; init; }
    public required string Uid { get; init; }
    public uint Attempt { get; init; }
    public string Hostname { get; init; } = "";
    public string LogDirectory { get; init; } = "";
    public DnsSettings? Dns { get; init; }
    public IReadOnlyList<PortMappingSpec> PortMappings { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
    public string CgroupParent { get; init; } = "";
    public NamespaceModes Namespaces { get; init; } = new();
    public long? RunAsUser { get; init; }
    public long? RunAsGroup { get; init; }
    public IReadOnlyList<long> SupplementalGroups { get; init; } = [];
    public bool Privileged { get; init; }
    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();
}
