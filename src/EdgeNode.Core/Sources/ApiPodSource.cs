using EdgeNode.Core.Api;
using EdgeNode.Core.Pods;
using Microsoft.Extensions.Logging;

namespace EdgeNode.Core.Sources;

/// <summary>
/// Pods the API server binds to this node. Every set it receives is published and cached on disk; when
/// the agent starts and the API server does not answer within <c>startupWait</c>, the cached set is
/// published instead so the node runs its pods without waiting (edge autonomy). While the API server
/// is away nothing is published, so nothing stops; its return brings a fresh list (pods deleted
/// meanwhile are then stopped) and <c>onFreshList</c> lets node and pod status be pushed at once.
/// </summary>
public sealed partial class ApiPodSource(string nodeName, IPodApi api, PodCacheStore cache, TimeSpan startupWait, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(Func<PodSourceSnapshot, CancellationToken, Task> publish, Action onFreshList, CancellationToken cancellationToken)
    {
        var cached = cache.Load();
        await using var updates = api.WatchNodePodsAsync(nodeName, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var next = updates.MoveNextAsync().AsTask();
        if (cached is not null)
        {
            var wait = Task.Delay(startupWait, time, cancellationToken);
            if (await Task.WhenAny(next, wait) == wait)
            {
                LogRunningFromCache(logger, cached.Count, cache.Path);
                await publish(Snapshot(cached), cancellationToken);
            }
        }
        while (await next)
        {
            var set = updates.Current;
            var pods = set.Pods.Where(p => !IsMirror(p) && !string.IsNullOrEmpty(p.Metadata.Uid)).ToList();
            await publish(Snapshot(pods), cancellationToken);
            cache.Save(pods);
            if (set.FromList)
            {
                onFreshList();
            }
            next = updates.MoveNextAsync().AsTask();
        }
    }

    /// <summary>Mirror pods are this node's own copies of its static pods, not pods to run.</summary>
    public static bool IsMirror(Pod pod) => pod.Metadata.Annotations?.ContainsKey(PodAnnotations.ConfigMirror) == true;

    private static PodSourceSnapshot Snapshot(IReadOnlyList<Pod> pods) =>
        new(PodSourceNames.Api, pods.Select(p => new DesiredPod(p, PodSourceNames.Api, null)).ToList(), []);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API server does not answer: running the {Count} pods cached in {Path} until it does")]
    private static partial void LogRunningFromCache(ILogger logger, int count, string path);
}
