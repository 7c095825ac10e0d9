using System.Text.Json.Serialization;
using EdgeNode.Core.Json;
using EdgeNode.Core.Pods;

namespace EdgeNode.Kube.Models;

/// <summary>
/// A core/v1 Event, the form the kubelet's event recorder posts to
/// <c>/api/v1/namespaces/&lt;ns&gt;/events</c> (name <c>&lt;object&gt;.&lt;unique suffix&gt;</c>) and
/// PATCHes (count, lastTimestamp, message) when the same event repeats.
/// </summary>
public sealed record Event
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "Event";
    public ObjectMeta? Metadata { get; init; }
    public ObjectReference? InvolvedObject { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public EventSource? Source { get; init; }

    /// <summary>Whole seconds, like every Kubernetes <c>Time</c>.</summary>
    public DateTimeOffset? FirstTimestamp { get; init; }

    public DateTimeOffset? LastTimestamp { get; init; }
    public int? Count { get; init; }

    /// <summary><c>Normal</c> or <c>Warning</c>.</summary>
    public string? Type { get; init; }

    /// <summary>MicroTime; the kubelet's core/v1 recorder leaves it unset.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? EventTime { get; init; }

    public string? Action { get; init; }
    public string? ReportingComponent { get; init; }
    public string? ReportingInstance { get; init; }
}
