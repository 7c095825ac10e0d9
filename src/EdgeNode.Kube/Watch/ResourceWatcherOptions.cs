namespace EdgeNode.Kube.Watch;

/// <summary>What <see cref="ResourceWatcher{T}"/> lists and watches, and how it retries.</summary>
public sealed record ResourceWatcherOptions
{
    /// <summary>The collection path without a query, e.g. <c>/api/v1/pods</c> or <c>/api/v1/namespaces/default/configmaps</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Unescaped, e.g. <c>spec.nodeName=pi-1</c> (the kubelet's pod watch) or <c>metadata.name=pi-1</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Unescaped, e.g. <c>app=web</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Each watch asks the server to end it after a random time between this and <see cref="MaxWatchTimeout"/> (client-go's spread).</summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan MaxWatchTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A watch the server has not ended this long after its timeoutSeconds is ended by EdgeNode: the guard for
    /// a silently dead HTTP/1.1 connection, which (unlike HTTP/2) has no pings.
    /// </summary>
    public TimeSpan WatchDeadlineMargin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait after a failed list or watch; doubles per failure up to <see cref="MaxBackoff"/>, reset by a watch that worked.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A watch that ends sooner than this without any event counts as a failure (no tight reconnect loop).</summary>
    public TimeSpan MinHealthyWatch { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Source of the random watch timeouts (tests pass a seeded one).</summary>
    public Random Random { get; init; } = Random.Shared;
}
