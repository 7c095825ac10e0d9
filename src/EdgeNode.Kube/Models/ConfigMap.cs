using EdgeNode.Core.Pods;

namespace EdgeNode.Kube.Models;

/// <summary>A v1 ConfigMap: UTF-8 <see cref="Data"/> and base64 <see cref="BinaryData"/> (decoded to bytes).</summary>
public sealed record ConfigMap
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "ConfigMap";
    public ObjectMeta? Metadata { get; init; }
    public Dictionary<string, string>? Data { get; init; }
    public Dictionary<string, byte[]>? BinaryData { get; init; }
    public bool? Immutable { get; init; }
}
