namespace EdgeNode.Core.Api;

public enum ApiErrorKind
{
    /// <summary>The API server cannot be reached (network, TLS, timeout).</summary>
    Unreachable,
    NotFound,
    AlreadyExists,

    /// <summary>409 on update: the object changed since it was read.</summary>
    Conflict,

    /// <summary>410: a watch's resourceVersion is too old.</summary>
    Gone,
    Forbidden,
    Unauthorized,
    Other,
}
