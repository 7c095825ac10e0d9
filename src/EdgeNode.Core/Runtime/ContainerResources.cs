namespace EdgeNode.Core.Runtime;

/// <summary>CRI LinuxContainerResources; zero means "not set".</summary>
public sealed record ContainerResources
{
    public long CpuPeriod { get; init; }
    public long CpuQuota { get; init; }
    public long CpuShares { get; init; }
    public long MemoryLimitBytes { get; init; }
    public long OomScoreAdj { get; init; }
}
