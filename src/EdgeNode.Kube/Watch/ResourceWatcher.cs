using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using EdgeNode.Kube.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeNode.Kube.Watch;

/// <summary>
/// client-go's reflector for one collection: LIST, then WATCH from the list's resourceVersion with bookmarks
/// and a random server-side timeout, keep the newest resourceVersion, re-watch when the stream ends, relist
/// on 410 Gone (HTTP status or ERROR event), and back off on failures (200 ms doubling to 30 s, reset by a
/// watch that worked). The consumer gets a <see cref="ResourceSnapshot{T}"/> — the whole set plus the
/// changes — after the first list and after every change. All waits use the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class ResourceWatcher<T>
    where T : class
{
    private readonly KubeApiClient _client;
    private readonly ResourceWatcherOptions _options;
    private readonly JsonTypeInfo<T> _itemType;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SortedDictionary<string, (T Object, string? ResourceVersion)> _store = new(StringComparer.Ordinal);

    public ResourceWatcher(KubeApiClient client, ResourceWatcherOptions options, JsonTypeInfo<T> itemType, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(itemType);
        if (!options.Path.StartsWith('/') || options.Path.Contains('?', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The watch path '{options.Path}' must start with '/' and carry no query: put selectors into the options.", nameof(options));
        }

        _client = client;
        _options = options;
        _itemType = itemType;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Lists and watches until <paramref name="cancellationToken"/> is cancelled (then returns normally).
    /// <paramref name="onChange"/> runs on this loop, one call at a time; an exception from it ends the loop.
    /// </summary>
    public async Task RunAsync(Func<ResourceSnapshot<T>, CancellationToken, ValueTask> onChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        try
        {
            await RunLoopAsync(onChange, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    internal static string ListQuery(ResourceWatcherOptions options, string? resourceVersion) =>
        BuildUri(options, resourceVersion is null ? [] : [("resourceVersion", resourceVersion)]);

    internal static string WatchQuery(ResourceWatcherOptions options, string resourceVersion, int timeoutSeconds)
    {
        var parameters = new List<(string, string)> { ("watch", "true") };
        if (resourceVersion.Length > 0)
        {
            parameters.Add(("resourceVersion", resourceVersion));
        }

        parameters.Add(("allowWatchBookmarks", "true"));
        parameters.Add(("timeoutSeconds", timeoutSeconds.ToString(CultureInfo.InvariantCulture)));
        return BuildUri(options, parameters);
    }

    private async Task RunLoopAsync(Func<ResourceSnapshot<T>, CancellationToken, ValueTask> onChange, CancellationToken cancellationToken)
    {
        var backoff = _options.InitialBackoff;
        string? resourceVersion = null;
        var firstList = true;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (resourceVersion is null)
            {
                // The first list may be served from the API server's watch cache (resourceVersion=0, as the
                // kubelet does); a relist after 410 Gone reads the latest state.
                KubeList<(T Object, ObjectKey Key)> list;
                try
                {
                    list = await _client.ListWithKeysAsync(ListQuery(_options, firstList ? "0" : null), _itemType, cancellationToken).ConfigureAwait(false);
                }
                catch (KubeApiException e)
                {
                    ResourceWatcherLog.ListFailed(_logger, _options.Path, backoff, e.Message);
                    await Task.Delay(backoff, _timeProvider, cancellationToken).ConfigureAwait(false);
                    backoff = Next(backoff);
                    continue;
                }

                var changes = ReplaceStore(list.Items);
                resourceVersion = list.ResourceVersion;
                if (firstList || changes.Count > 0)
                {
                    await onChange(Snapshot(changes, resourceVersion, fromList: true), cancellationToken).ConfigureAwait(false);
                }

                firstList = false;
            }

            var outcome = await WatchOnceAsync(resourceVersion, onChange, cancellationToken).ConfigureAwait(false);
            resourceVersion = outcome.ResourceVersion;
            switch (outcome.Result)
            {
                case WatchResult.Gone:
                    ResourceWatcherLog.Relisting(_logger, _options.Path, outcome.Error?.Message ?? "410 Gone");
                    resourceVersion = null;
                    break;
                case WatchResult.Failed:
                    ResourceWatcherLog.WatchFailed(_logger, _options.Path, backoff, outcome.Error?.Message ?? "");
                    await Task.Delay(backoff, _timeProvider, cancellationToken).ConfigureAwait(false);
                    backoff = Next(backoff);
                    break;
                default:
                    backoff = _options.InitialBackoff;
                    break;
            }
        }
    }

    private async Task<WatchOutcome> WatchOnceAsync(
        string resourceVersion, Func<ResourceSnapshot<T>, CancellationToken, ValueTask> onChange, CancellationToken cancellationToken)
    {
        var timeout = RandomTimeout();
        var started = _timeProvider.GetTimestamp();
        var events = 0;
        var inConsumer = false;
        using var guard = new CancellationTokenSource(timeout + _options.WatchDeadlineMargin, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, guard.Token);
        try
        {
            var query = WatchQuery(_options, resourceVersion, (int)timeout.TotalSeconds);
            await foreach (var watchEvent in _client.WatchAsync(query, _itemType, linked.Token).ConfigureAwait(false))
            {
                events++;
                if (watchEvent.Type == WatchEventType.Error)
                {
                    var error = KubeApiErrors.FromWatchError(_client.Server, query, watchEvent.Error);
                    return new WatchOutcome(error.IsGone ? WatchResult.Gone : WatchResult.Failed, resourceVersion, error);
                }

                if (!string.IsNullOrEmpty(watchEvent.ResourceVersion))
                {
                    resourceVersion = watchEvent.ResourceVersion;
                }

                var change = Apply(watchEvent);
                if (change is not null)
                {
                    // An exception from the consumer is the consumer's: it must not pass for a watch failure.
                    inConsumer = true;
                    await onChange(Snapshot([change], resourceVersion, fromList: false), cancellationToken).ConfigureAwait(false);
                    inConsumer = false;
                }
            }
        }
        catch (KubeApiException e) when (!inConsumer && e.StatusCode == HttpStatusCode.Gone)
        {
            return new WatchOutcome(WatchResult.Gone, resourceVersion, e);
        }
        catch (KubeApiException e) when (!inConsumer)
        {
            return new WatchOutcome(WatchResult.Failed, resourceVersion, e);
        }
        catch (OperationCanceledException) when (!inConsumer && !cancellationToken.IsCancellationRequested && guard.IsCancellationRequested)
        {
            // The server kept the stream open past its timeoutSeconds: treat as an ordinary end.
            return new WatchOutcome(WatchResult.Ended, resourceVersion, null);
        }

        if (events == 0 && _timeProvider.GetElapsedTime(started) < _options.MinHealthyWatch)
        {
            return new WatchOutcome(WatchResult.Failed, resourceVersion,
                new KubeApiException(KubeApiErrorKind.InvalidResponse,
                    $"The API server at {_client.Server} ended the watch of {_options.Path} at once without any event."));
        }

        return new WatchOutcome(WatchResult.Ended, resourceVersion, null);
    }

    private ResourceChange<T>? Apply(WatchEvent<T> watchEvent)
    {
        var key = new ObjectKey(watchEvent.Namespace, watchEvent.Name, watchEvent.ResourceVersion).Key;
        if (key.Length == 0 || watchEvent.Object is not { } obj)
        {
            return null;
        }

        switch (watchEvent.Type)
        {
            case WatchEventType.Added:
            case WatchEventType.Modified:
                var existed = _store.ContainsKey(key);
                _store[key] = (obj, watchEvent.ResourceVersion);
                return new ResourceChange<T>(existed ? ResourceChangeType.Modified : ResourceChangeType.Added, key, obj);
            case WatchEventType.Deleted:
                return _store.Remove(key) ? new ResourceChange<T>(ResourceChangeType.Deleted, key, obj) : null;
            default:
                return null;
        }
    }

    private List<ResourceChange<T>> ReplaceStore(IReadOnlyList<(T Object, ObjectKey Key)> items)
    {
        var changes = new List<ResourceChange<T>>();
        var fresh = new Dictionary<string, (T Object, string? ResourceVersion)>(StringComparer.Ordinal);
        foreach (var (obj, objectKey) in items)
        {
            var key = objectKey.Key;
            if (key.Length == 0)
            {
                continue;
            }

            fresh[key] = (obj, objectKey.ResourceVersion);
            if (!_store.TryGetValue(key, out var old))
            {
                changes.Add(new ResourceChange<T>(ResourceChangeType.Added, key, obj));
            }
            else if (old.ResourceVersion != objectKey.ResourceVersion || objectKey.ResourceVersion is null)
            {
                changes.Add(new ResourceChange<T>(ResourceChangeType.Modified, key, obj));
            }
        }

        foreach (var (key, old) in _store)
        {
            if (!fresh.ContainsKey(key))
            {
                changes.Add(new ResourceChange<T>(ResourceChangeType.Deleted, key, old.Object));
            }
        }

        _store.Clear();
        foreach (var (key, value) in fresh)
        {
            _store[key] = value;
        }

        return changes;
    }

    private ResourceSnapshot<T> Snapshot(IReadOnlyList<ResourceChange<T>> changes, string resourceVersion, bool fromList) =>
        new(_store.Values.Select(v => v.Object).ToList(), changes, resourceVersion, fromList);

    private TimeSpan RandomTimeout()
    {
        var min = _options.MinWatchTimeout.TotalSeconds;
        var max = Math.Max(min, _options.MaxWatchTimeout.TotalSeconds);
        return TimeSpan.FromSeconds(Math.Floor(min + (_options.Random.NextDouble() * (max - min))));
    }

    private TimeSpan Next(TimeSpan backoff)
    {
        var doubled = backoff * 2;
        return doubled > _options.MaxBackoff ? _options.MaxBackoff : doubled;
    }

    private static string BuildUri(ResourceWatcherOptions options, IEnumerable<(string Name, string Value)> parameters)
    {
        var query = new StringBuilder();
        void Add(string name, string value)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        if (!string.IsNullOrEmpty(options.FieldSelector))
        {
            Add("fieldSelector", options.FieldSelector);
        }

        if (!string.IsNullOrEmpty(options.LabelSelector))
        {
            Add("labelSelector", options.LabelSelector);
        }

        foreach (var (name, value) in parameters)
        {
            Add(name, value);
        }

        return options.Path + query;
    }

    private enum WatchResult
    {
        Ended,
        Failed,
        Gone,
    }

    private readonly record struct WatchOutcome(WatchResult Result, string ResourceVersion, KubeApiException? Error);
}
