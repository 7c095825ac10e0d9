namespace EdgeNode.Core.Runtime;

public enum RuntimeErrorKind
{
    /// <summary>The runtime is not reachable (not running, wrong socket).</summary>
    Unavailable,

    /// <summary>The call did not finish within its deadline.</summary>
    Timeout,

    NotFound,

    /// <summary>The runtime refused the request (bad image, bad command, …).</summary>
    Rejected,
}
