namespace EdgeNode.Agent.Configuration;

/// <summary>The agent's effective settings: kubelet defaults, then the config file, then flags.</summary>
public sealed record AgentSettings
{
    public string? StaticPodPath { get; init; }
    public string ContainerRuntimeEndpoint { get; init; } = "unix:///run/containerd/containerd.sock";
    public string RootDir { get; init; } = "/var/lib/edgenode";
    public string? HostnameOverride { get; init; }
    public string? NodeIp { get; init; }
    public TimeSpan FileCheckFrequency { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan SyncFrequency { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan RuntimeRequestTimeout { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan ImagePullTimeout { get; init; } = TimeSpan.FromMinutes(5);
    public string PodLogsDir { get; init; } = "/var/log/pods";
    public string ResolvConf { get; init; } = "/etc/resolv.conf";
    public IReadOnlyList<string> ClusterDns { get; init; } = [];
    public string ClusterDomain { get; init; } = "";
    public string LoggingFormat { get; init; } = "text";

    /// <summary>Cluster mode: the kubeconfig to reach the API server with (--kubeconfig); null = standalone.</summary>
    public string? Kubeconfig { get; init; }

    public bool RegisterNode { get; init; } = true;
    public IReadOnlyDictionary<string, string> NodeLabels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<EdgeNode.Core.Nodes.Taint> RegisterWithTaints { get; init; } = [];

    /// <summary>Where the last API pod set is kept for starting without an API server.</summary>
    public string PodCachePath => Path.Combine(RootDir, "api-pods.json");

    /// <summary>The agent's local status endpoint (`edgenode pods` reads it); a unix socket under the root dir.</summary>
    public string StatusSocket => Path.Combine(RootDir, "edgenode.sock");
}
