using System.Text.Json.Serialization;

namespace EdgeNode.Kube.Config;

internal sealed record KubeconfigCluster
{
    public string? Server { get; init; }

    [JsonPropertyName("certificate-authority")]
    public string? CertificateAuthority { get; init; }

    [JsonPropertyName("certificate-authority-data")]
    public string? CertificateAuthorityData { get; init; }

    [JsonPropertyName("insecure-skip-tls-verify")]
    public bool? InsecureSkipTlsVerify { get; init; }

    [JsonPropertyName("tls-server-name")]
    public string? TlsServerName { get; init; }
}
