using System.Text.Json.Serialization;

namespace EdgeNode.Kube.Config;

/// <summary>A kubeconfig (<c>kind: Config</c>) as written by kubectl, k3s or kubeadm: only the fields EdgeNode reads.</summary>
internal sealed record KubeconfigFile
{
    [JsonPropertyName("current-context")]
    public string? CurrentContext { get; init; }

    public List<KubeconfigNamedCluster>? Clusters { get; init; }
    public List<KubeconfigNamedContext>? Contexts { get; init; }
    public List<KubeconfigNamedUser>? Users { get; init; }
}
