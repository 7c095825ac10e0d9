using System.Net;
using EdgeNode.Kube.Models;

namespace EdgeNode.Kube.Api;

/// <summary>
/// A failed API call. <see cref="Exception.Message"/> is one sentence naming the API server, the request
/// and the cause; <see cref="Reason"/> is the API's machine-readable reason (<c>NotFound</c>,
/// <c>AlreadyExists</c>, <c>Conflict</c>, <c>Forbidden</c>, <c>Expired</c>/<c>Gone</c> …).
/// </summary>
public sealed class KubeApiException : Exception
{
    public KubeApiException(KubeApiErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public KubeApiException(string message, HttpStatusCode statusCode, string reason, string? apiMessage, Status? status)
        : base(message)
    {
        Kind = KubeApiErrorKind.ApiError;
        StatusCode = statusCode;
        Reason = reason;
        ApiMessage = apiMessage;
        Status = status;
    }

    public KubeApiErrorKind Kind { get; }

    /// <summary>The HTTP status (or the <c>code</c> of a watch ERROR event); null when the server did not answer.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The <c>reason</c> of the API's Status, or the standard reason for the HTTP status when the body had none.</summary>
    public string? Reason { get; }

    /// <summary>The <c>message</c> of the API's Status (or the start of a non-Status body).</summary>
    public string? ApiMessage { get; }

    /// <summary>The API's Status object, when the answer carried one.</summary>
    public Status? Status { get; }

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    public bool IsAlreadyExists => Reason == "AlreadyExists";

    /// <summary>409 other than AlreadyExists: an optimistic-concurrency (resourceVersion) or precondition (UID) failure.</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict && !IsAlreadyExists;

    /// <summary>410: the resourceVersion is too old (watch) — relist.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone;

    public bool IsForbidden => StatusCode == HttpStatusCode.Forbidden;

    public bool IsUnauthorized => StatusCode == HttpStatusCode.Unauthorized;
}
