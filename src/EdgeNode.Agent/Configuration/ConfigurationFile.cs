using System.Text.Json.Serialization;

namespace EdgeNode.Agent.Configuration;

/// <summary>
/// The YAML config file (--config): a KubeletConfiguration-shaped document. Fields EdgeNode uses carry
/// the kubelet's names; other kubelet fields are reported as unused, not rejected, so an existing kubelet
/// config file can be reused.
/// </summary>
public sealed record ConfigurationFile
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public string? StaticPodPath { get; init; }
    public string? ContainerRuntimeEndpoint { get; init; }
    public string? FileCheckFrequency { get; init; }
    public string? SyncFrequency { get; init; }
    public string? RuntimeRequestTimeout { get; init; }
    public string? PodLogsDir { get; init; }
    public string? ResolvConf { get; init; }

    [JsonPropertyName("clusterDNS")]
    public List<string>? ClusterDns { get; init; }

    public string? ClusterDomain { get; init; }

    /// <summary>EdgeNode's own: how long an image pull may take before it fails (ErrImagePull).</summary>
    public string? ImagePullTimeout { get; init; }

    [JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? Unknown { get; set; }
}
