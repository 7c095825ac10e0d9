namespace EdgeNode.Kube.Api;

/// <summary>Timeouts and connection settings of <see cref="KubeApiClient"/>.</summary>
public sealed record KubeApiClientOptions
{
    /// <summary>
    /// Deadline of every ordinary call, from sending the request to reading the whole answer. 10 s is what the
    /// kubelet's heartbeat client uses (min of nodeStatusUpdateFrequency and the lease duration). For watches
    /// it only bounds the wait for the response headers.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline of a LIST, whose answer can be large on a slow link.</summary>
    public TimeSpan ListTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a TCP + TLS connect may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// HTTP/2 PING interval on a connection (also when it has no requests), so a dead connection is noticed
    /// within <see cref="KeepAlivePingDelay"/> + <see cref="KeepAlivePingTimeout"/> (30 s), well inside the
    /// node monitor grace period (40 s).
    /// </summary>
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a PING may go unanswered before the connection is closed.</summary>
    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Idle connections are closed after this (Go's http.Transport default).</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How often a <c>tokenFile</c> is re-read (kubectl: once a minute).</summary>
    public TimeSpan TokenFileRefreshInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The User-Agent header; defaults to <c>edgenode/&lt;version&gt; (linux/&lt;arch&gt;)</c>.</summary>
    public string UserAgent { get; init; } = KubeUserAgent.Default;
}
