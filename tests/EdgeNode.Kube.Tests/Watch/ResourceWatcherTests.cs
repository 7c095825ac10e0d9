using System.Globalization;
using System.Net;
using EdgeNode.Core.Pods;
using EdgeNode.Kube.Api;
using EdgeNode.Kube.Models;
using EdgeNode.Kube.Tests.Infrastructure;
using EdgeNode.Kube.Watch;
using EdgeNode.Testing;
using Shouldly;

namespace EdgeNode.Kube.Tests.Watch;

public sealed class ResourceWatcherTests : IAsyncDisposable
{
    private const string Selector = "fieldSelector=spec.nodeName%3Dpi-1";
    private const string CachedList = "/api/v1/pods?" + Selector + "&resourceVersion=0";
    private const string LatestList = "/api/v1/pods?" + Selector;

    private readonly ProgressSignal _progress = new();
    private readonly RecordingTimeProvider _time;
    private readonly FakeApiHandler _handler;
    private readonly KubeApiClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ResourceSnapshot<Pod>> _snapshots = [];
    private Task? _running;

    public ResourceWatcherTests()
    {
        _time = new RecordingTimeProvider(_progress);
        _handler = new FakeApiHandler(_progress);
        _client = KubeTestConnections.Client(_handler, _time);
    }

    private IReadOnlyList<ResourceSnapshot<Pod>> Snapshots
    {
        get
        {
            lock (_snapshots)
            {
                return [.. _snapshots];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }

        _client.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task RunAsync_ListThenWatch_DeliversSnapshotAfterListAndAfterEachChange()
    {
        Start();
        _handler.EnqueueJson(HttpStatusCode.OK, List("100", Pod("a", "90"), Pod("b", "95")));
        await SnapshotsAsync(1);

        var first = Snapshots[0];
        first.FromList.ShouldBeTrue();
        first.ResourceVersion.ShouldBe("100");
        Names(first).ShouldBe(["a", "b"]);
        first.Changes.Select(c => (c.Type, c.Key)).ShouldBe([(ResourceChangeType.Added, "default/a"), (ResourceChangeType.Added, "default/b")]);
        _handler.Requests[0].PathAndQuery.ShouldBe(CachedList);

        var stream = _handler.EnqueueWatch();
        await RequestsAsync(2);
        var watch = _handler.Requests[1].PathAndQuery;
        watch.ShouldStartWith($"/api/v1/pods?{Selector}&watch=true&resourceVersion=100&allowWatchBookmarks=true&timeoutSeconds=");
        int.Parse(watch[(watch.LastIndexOf('=') + 1)..], CultureInfo.InvariantCulture).ShouldBeInRange(300, 600);

        stream.WriteLine(Event("MODIFIED", "a", "101"));
        await SnapshotsAsync(2);
        stream.WriteLine(Event("ADDED", "c", "102"));
        await SnapshotsAsync(3);
        stream.WriteLine(Event("DELETED", "b", "103"));
        await SnapshotsAsync(4);

        var snapshots = Snapshots;
        snapshots[1].Changes.ShouldHaveSingleItem().Type.ShouldBe(ResourceChangeType.Modified);
        snapshots[1].FromList.ShouldBeFalse();
        Names(snapshots[2]).ShouldBe(["a", "b", "c"]);
        Names(snapshots[3]).ShouldBe(["a", "c"]);
        snapshots[3].Changes.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            c => c.Type.ShouldBe(ResourceChangeType.Deleted),
            c => c.Object.Metadata.Name.ShouldBe("b"));
        snapshots[3].ResourceVersion.ShouldBe("103");
    }

    [Fact]
    public async Task RunAsync_StreamEndsAfterBookmark_RewatchesFromBookmarkWithoutListingOrSnapshot()
    {
        Start();
        _handler.EnqueueJson(HttpStatusCode.OK, List("100", Pod("a", "90")));
        var stream = _handler.EnqueueWatch();
        stream.WriteLine("""{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"150"}}}""");
        stream.End();
        _handler.EnqueueWatch();

        await RequestsAsync(3);

        _handler.Requests[2].PathAndQuery.ShouldContain("&watch=true&resourceVersion=150&");
        Snapshots.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_ErrorEvent410_RelistsLatestAndDeliversDifference()
    {
        Start();
        _handler.EnqueueJson(HttpStatusCode.OK, List("100", Pod("a", "90"), Pod("b", "95")));
        var stream = _handler.EnqueueWatch();
        stream.WriteLine("""{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 100 (300)","reason":"Expired","code":410}}""");
        _handler.EnqueueJson(HttpStatusCode.OK, List("300", Pod("a", "250"), Pod("c", "260")));
        _handler.EnqueueWatch();

        await RequestsAsync(4);
        await SnapshotsAsync(2);

        _handler.Requests[2].PathAndQuery.ShouldBe(LatestList);
        _handler.Requests[3].PathAndQuery.ShouldContain("&watch=true&resourceVersion=300&");
        var relisted = Snapshots[1];
        relisted.FromList.ShouldBeTrue();
        Names(relisted).ShouldBe(["a", "c"]);
        relisted.Changes.Select(c => (c.Type, c.Key)).ShouldBe(
        [
            (ResourceChangeType.Modified, "default/a"),
            (ResourceChangeType.Added, "default/c"),
            (ResourceChangeType.Deleted, "default/b"),
        ]);
        _time.CountOf(TimeSpan.FromMilliseconds(200)).ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_Http410WhenOpeningWatch_Relists()
    {
        Start();
        _handler.EnqueueJson(HttpStatusCode.OK, List("100", Pod("a", "90")));
        _handler.EnqueueJson(HttpStatusCode.Gone, """{"kind":"Status","status":"Failure","message":"too old resource version","reason":"Expired","code":410}""");
        _handler.EnqueueJson(HttpStatusCode.OK, List("300", Pod("a", "90")));
        _handler.EnqueueWatch();

        await RequestsAsync(4);

        _handler.Requests[2].PathAndQuery.ShouldBe(LatestList);
        _handler.Requests[3].PathAndQuery.ShouldContain("&resourceVersion=300&");
        Snapshots.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_FailuresThenHealthyWatch_BacksOffDoublingAndResets()
    {
        Start();
        _handler.EnqueueJson(HttpStatusCode.InternalServerError, "{}");
        await BackoffAsync(200);
        _handler.EnqueueJson(HttpStatusCode.ServiceUnavailable, "{}");
        await BackoffAsync(400);
        _handler.EnqueueFailure(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        await BackoffAsync(800);
        _handler.EnqueueJson(HttpStatusCode.OK, List("100"));
        _handler.EnqueueJson(HttpStatusCode.InternalServerError, "{}");
        await BackoffAsync(1600);
        var stream = _handler.EnqueueWatch();
        stream.WriteLine(Event("ADDED", "a", "101"));
        stream.End();
        _handler.EnqueueJson(HttpStatusCode.InternalServerError, "{}");

        await AsyncWait.UntilAsync(() => _time.CountOf(TimeSpan.FromMilliseconds(200)) == 2, "the back-off to start again at 200 ms", _progress);

        _handler.RequestCount.ShouldBe(7);
        _handler.Requests[6].PathAndQuery.ShouldContain("&resourceVersion=101&");
        _handler.Requests.Take(4).Select(r => r.PathAndQuery).ShouldAllBe(p => p == CachedList);
    }

    [Fact]
    public async Task RunAsync_RepeatedFailures_BackoffCappedAt30Seconds()
    {
        Start();
        for (var i = 0; i < 11; i++)
        {
            _handler.EnqueueJson(HttpStatusCode.InternalServerError, "{}");
        }

        foreach (var ms in new[] { 200, 400, 800, 1600, 3200, 6400, 12800, 25600 })
        {
            await BackoffAsync(ms);
        }

        await BackoffAsync(30_000);
        await AsyncWait.UntilAsync(() => _time.CountOf(TimeSpan.FromSeconds(30)) == 2, "a second 30 s back-off", _progress);
    }

    [Fact]
    public async Task RunAsync_WatchEndsAtOnceWithoutEvents_CountsAsFailure()
    {
        Start();
        _handler.EnqueueJson(HttpStatusCode.OK, List("100"));
        _handler.EnqueueWatch().End();

        await AsyncWait.UntilAsync(() => _time.CountOf(TimeSpan.FromMilliseconds(200)) == 1, "a back-off after the empty watch", _progress);

        _handler.RequestCount.ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_ServerKeepsWatchOpenPastItsTimeout_EndsItAndRewatches()
    {
        Start();
        _handler.EnqueueJson(HttpStatusCode.OK, List("100"));
        _handler.EnqueueWatch();
        _handler.EnqueueWatch();
        await RequestsAsync(2);
        var watch = _handler.Requests[1].PathAndQuery;
        var timeoutSeconds = int.Parse(watch[(watch.LastIndexOf('=') + 1)..], CultureInfo.InvariantCulture);
        var guard = TimeSpan.FromSeconds(timeoutSeconds + 30);
        await AsyncWait.UntilAsync(() => _time.CountOf(guard) == 1, "the watch guard timer", _progress);

        _time.Advance(guard - TimeSpan.FromSeconds(1));
        _handler.RequestCount.ShouldBe(2);
        _time.Advance(TimeSpan.FromSeconds(1));

        await RequestsAsync(3);
        _handler.Requests[2].PathAndQuery.ShouldContain("&resourceVersion=100&");
    }

    [Fact]
    public async Task RunAsync_Cancelled_ReturnsNormally()
    {
        Start();
        _handler.EnqueueJson(HttpStatusCode.OK, List("100"));
        _handler.EnqueueWatch();
        await RequestsAsync(2);

        await _stop.CancelAsync();

        await _running!;
    }

    [Fact]
    public async Task RunAsync_ConsumerThrowsDuringWatch_ExceptionEndsRunInsteadOfRetrying()
    {
        var watcher = new ResourceWatcher<Pod>(_client, new ResourceWatcherOptions { Path = "/api/v1/pods" }, KubeJsonContext.Default.Pod, _time);
        _handler.EnqueueJson(HttpStatusCode.OK, List("100"));
        var stream = _handler.EnqueueWatch();
        stream.WriteLine(Event("ADDED", "a", "101"));

        var error = await Should.ThrowAsync<KubeApiException>(() => watcher.RunAsync(
            (snapshot, _) => snapshot.FromList
                ? ValueTask.CompletedTask
                : ValueTask.FromException(new KubeApiException(KubeApiErrorKind.Unreachable, "the consumer's own call failed")),
            _stop.Token));

        error.Message.ShouldBe("the consumer's own call failed");
        _handler.RequestCount.ShouldBe(2);
    }

    [Fact]
    public void Constructor_PathWithQuery_ThrowsSentence()
    {
        var error = Should.Throw<ArgumentException>(() =>
            new ResourceWatcher<Pod>(_client, new ResourceWatcherOptions { Path = "/api/v1/pods?watch=1" }, KubeJsonContext.Default.Pod, _time));

        error.Message.ShouldStartWith("The watch path '/api/v1/pods?watch=1' must start with '/' and carry no query");
    }

    private void Start()
    {
        var watcher = new ResourceWatcher<Pod>(
            _client,
            new ResourceWatcherOptions { Path = "/api/v1/pods", FieldSelector = "spec.nodeName=pi-1", Random = new Random(7) },
            KubeJsonContext.Default.Pod,
            _time);
        _running = Task.Run(() => watcher.RunAsync(
            (snapshot, _) =>
            {
                lock (_snapshots)
                {
                    _snapshots.Add(snapshot);
                }

                _progress.Pulse();
                return ValueTask.CompletedTask;
            },
            _stop.Token));
    }

    private Task SnapshotsAsync(int count) =>
        AsyncWait.UntilAsync(() => Snapshots.Count >= count, $"{count} snapshots", _progress);

    private Task RequestsAsync(int count) =>
        AsyncWait.UntilAsync(() => _handler.RequestCount >= count, $"{count} requests", _progress);

    /// <summary>Waits until the watcher armed its (first) back-off of <paramref name="ms"/> and lets it elapse.</summary>
    private async Task BackoffAsync(int ms)
    {
        var delay = TimeSpan.FromMilliseconds(ms);
        await AsyncWait.UntilAsync(() => _time.CountOf(delay) >= 1, $"a {ms} ms back-off", _progress);
        _time.Advance(delay);
    }

    private static string[] Names(ResourceSnapshot<Pod> snapshot) => [.. snapshot.Items.Select(p => p.Metadata.Name!)];

    private static string Pod(string name, string resourceVersion) =>
        $$$"""{"metadata":{"name":"{{{name}}}","namespace":"default","resourceVersion":"{{{resourceVersion}}}"},"spec":{"nodeName":"pi-1","containers":[{"name":"c","image":"busybox"}]}}""";

    private static string List(string resourceVersion, params string[] items) =>
        $$"""{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"{{resourceVersion}}"},"items":[{{string.Join(",", items)}}]}""";

    private static string Event(string type, string name, string resourceVersion) =>
        $$"""{"type":"{{type}}","object":""" + Pod(name, resourceVersion) + "}";
}
