using System.Text.Json.Serialization;

namespace EdgeNode.Kube.Models;

/// <summary>
/// The API server's <c>Status</c> object: the body of every error response and of watch <c>ERROR</c> events.
/// </summary>
public sealed record Status
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public ListMeta? Metadata { get; init; }

    /// <summary>The object's <c>status</c> field: <c>Success</c> or <c>Failure</c>.</summary>
    [JsonPropertyName("status")]
    public string? Outcome { get; init; }

    public string? Message { get; init; }

    /// <summary>Machine-readable cause, e.g. <c>NotFound</c>, <c>AlreadyExists</c>, <c>Conflict</c>, <c>Forbidden</c>, <c>Expired</c>.</summary>
    public string? Reason { get; init; }

    public StatusDetails? Details { get; init; }

    /// <summary>The HTTP status code this status stands for (also set in watch <c>ERROR</c> events).</summary>
    public int? Code { get; init; }
}
