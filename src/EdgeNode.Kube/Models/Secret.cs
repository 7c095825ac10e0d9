using EdgeNode.Core.Pods;

namespace EdgeNode.Kube.Models;

/// <summary>A v1 Secret. <see cref="Data"/> values travel as base64 and are decoded to bytes.</summary>
public sealed record Secret
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "Secret";
    public ObjectMeta? Metadata { get; init; }
    public Dictionary<string, byte[]>? Data { get; init; }

    /// <summary>Write-only convenience field of the API; never returned by the server.</summary>
    public Dictionary<string, string>? StringData { get; init; }

    public string? Type { get; init; }
    public bool? Immutable { get; init; }
}
