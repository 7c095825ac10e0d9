namespace EdgeNode.Core.Engine;

/// <summary>Settings of the pod engine; names follow the kubelet where they overlap.</summary>
public sealed record PodEngineOptions
{
    public required string NodeName { get; init; }

    /// <summary>The node's IP: hostIP of every pod and podIP of host-network pods.</summary>
    public string NodeIp { get; init; } = "";

    /// <summary>State on disk (volumes, termination-message files); the kubelet's --root-dir.</summary>
    public required string RootDirectory { get; init; }

    /// <summary>CRI container logs: <c>&lt;podLogsDir&gt;/&lt;ns&gt;_&lt;name&gt;_&lt;uid&gt;/&lt;container&gt;/&lt;restart&gt;.log</c>.</summary>
    public string PodLogsDirectory { get; init; } = "/var/log/pods";

    public string ResolvConf { get; init; } = "/etc/resolv.conf";
    public IReadOnlyList<string> ClusterDns { get; init; } = [];
    public string ClusterDomain { get; init; } = "";

    public long NodeMemoryCapacityBytes { get; init; }
    public int NodeCpuCount { get; init; } = Environment.ProcessorCount;

    public TimeSpan SyncFrequency { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan RelistPeriod { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan ErrorRequeue { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan ContainerBackoffInitial { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan ContainerBackoffMax { get; init; } = TimeSpan.FromSeconds(300);
    public TimeSpan BackoffReset { get; init; } = TimeSpan.FromMinutes(10);
}
