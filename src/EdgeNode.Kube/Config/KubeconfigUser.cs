using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeNode.Kube.Config;

internal sealed record KubeconfigUser
{
    [JsonPropertyName("client-certificate")]
    public string? ClientCertificate { get; init; }

    [JsonPropertyName("client-certificate-data")]
    public string? ClientCertificateData { get; init; }

    [JsonPropertyName("client-key")]
    public string? ClientKey { get; init; }

    [JsonPropertyName("client-key-data")]
    public string? ClientKeyData { get; init; }

    public string? Token { get; init; }

    public string? TokenFile { get; init; }

    /// <summary>Read only to say that exec credential plugins are not supported.</summary>
    public JsonElement? Exec { get; init; }

    /// <summary>Read only to say that auth-provider plugins are not supported.</summary>
    [JsonPropertyName("auth-provider")]
    public JsonElement? AuthProvider { get; init; }

    /// <summary>Read only to say that basic authentication is not supported.</summary>
    public string? Username { get; init; }
}
