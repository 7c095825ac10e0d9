namespace EdgeNode.Core.Nodes;

/// <summary>Facts about the machine that go into the Node's capacity and nodeInfo.</summary>
public sealed record MachineInfo
{
    public int CpuCount { get; init; }
    public long MemoryBytes { get; init; }

    /// <summary>Capacity of the filesystem that holds the agent's root directory (ephemeral-storage).</summary>
    public long EphemeralStorageBytes { get; init; }

    public string MachineId { get; init; } = "";
    public string SystemUuid { get; init; } = "";
    public string BootId { get; init; } = "";
    public string KernelVersion { get; init; } = "";
    public string OsImage { get; init; } = "";
    public string OperatingSystem { get; init; } = "linux";
    public string Architecture { get; init; } = "";
}
