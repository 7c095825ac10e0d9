using System.Text.Json;

namespace EdgeNode.Core.Pods;

public sealed record ObjectMeta
{
    public string? Name { get; init; }
    public string? GenerateName { get; init; }
    public string? Namespace { get; init; }
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }
    public Dictionary<string, string>? Labels { get; init; }
    public Dictionary<string, string>? Annotations { get; init; }

    /// <summary>Accepted (kubectl writes <c>creationTimestamp: null</c>) but owned by the API server.</summary>
    public JsonElement? CreationTimestamp { get; init; }

    public JsonElement? DeletionTimestamp { get; init; }
    public long? DeletionGracePeriodSeconds { get; init; }
    public List<OwnerReference>? OwnerReferences { get; init; }
}
