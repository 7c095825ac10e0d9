namespace EdgeNode.Kube.Api;

/// <summary>What kind of failure a <see cref="KubeApiException"/> is.</summary>
public enum KubeApiErrorKind
{
    /// <summary>The API server answered with an error status (see <see cref="KubeApiException.StatusCode"/> and <see cref="KubeApiException.Reason"/>).</summary>
    ApiError,

    /// <summary>No answer: DNS, connect, TLS or a broken connection.</summary>
    Unreachable,

    /// <summary>The request did not complete within its deadline.</summary>
    Timeout,

    /// <summary>The API server answered with something EdgeNode cannot read.</summary>
    InvalidResponse,
}
