using System.Net;
using EdgeNode.Core.Pods;
using EdgeNode.Kube.Api;
using EdgeNode.Kube.Models;
using EdgeNode.Kube.Tests.Infrastructure;
using EdgeNode.Kube.Watch;
using EdgeNode.Testing;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace EdgeNode.Kube.Tests.Api;

public sealed class KubeApiClientWatchTests
{
    private const string WatchPath = "/api/v1/pods?watch=true&resourceVersion=10&allowWatchBookmarks=true&timeoutSeconds=300";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeApiHandler _handler = new();

    [Fact]
    public async Task WatchAsync_LinesUntilStreamEnds_YieldsEventsInOrderSkippingBlankLines()
    {
        var stream = _handler.EnqueueWatch();
        stream.WriteLine(Event("ADDED", "a", "11"));
        stream.WriteLine("");
        stream.WriteRaw(Event("MODIFIED", "a", "12")[..20]);
        stream.WriteRaw(Event("MODIFIED", "a", "12")[20..] + "\n");
        stream.WriteLine("""{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"13"}}}""");
        stream.WriteLine(Event("DELETED", "a", "14"));
        stream.End();
        using var client = KubeTestConnections.Client(_handler, _time);

        var events = new List<WatchEvent<Pod>>();
        await foreach (var watchEvent in client.WatchAsync(WatchPath, KubeJsonContext.Default.Pod, TestContext.Current.CancellationToken))
        {
            events.Add(watchEvent);
        }

        events.Select(e => (e.Type, e.ResourceVersion)).ShouldBe(
        [
            (WatchEventType.Added, "11"),
            (WatchEventType.Modified, "12"),
            (WatchEventType.Bookmark, "13"),
            (WatchEventType.Deleted, "14"),
        ]);
        _handler.Requests[0].PathAndQuery.ShouldBe(WatchPath);
        stream.IsDisposed.ShouldBeTrue();
    }

    [Fact]
    public async Task WatchAsync_ErrorEvent_YieldedNotThrown()
    {
        var stream = _handler.EnqueueWatch();
        stream.WriteLine("""{"type":"ERROR","object":{"kind":"Status","status":"Failure","message":"too old resource version: 10 (50)","reason":"Expired","code":410}}""");
        stream.End();
        using var client = KubeTestConnections.Client(_handler, _time);

        var events = await Collect(client);

        events.ShouldHaveSingleItem().Error!.Code.ShouldBe(410);
    }

    [Fact]
    public async Task WatchAsync_Http410_ThrowsGone()
    {
        _handler.EnqueueJson(HttpStatusCode.Gone, """{"kind":"Status","status":"Failure","message":"too old resource version","reason":"Expired","code":410}""");
        using var client = KubeTestConnections.Client(_handler, _time);

        var error = await Should.ThrowAsync<KubeApiException>(() => Collect(client));

        error.IsGone.ShouldBeTrue();
        error.Reason.ShouldBe("Expired");
    }

    [Fact]
    public async Task WatchAsync_ConnectionBreaksMidStream_ThrowsUnreachable()
    {
        var stream = _handler.EnqueueWatch();
        stream.WriteLine(Event("ADDED", "a", "11"));
        stream.Break();
        using var client = KubeTestConnections.Client(_handler, _time);

        var error = await Should.ThrowAsync<KubeApiException>(() => Collect(client));

        error.Kind.ShouldBe(KubeApiErrorKind.Unreachable);
        error.Message.ShouldBe("The API server at https://api.example:6443/ is unreachable: connection reset by peer.");
    }

    [Fact]
    public async Task WatchAsync_GarbageLine_ThrowsInvalidResponse()
    {
        var stream = _handler.EnqueueWatch();
        stream.WriteLine("this is not json");
        using var client = KubeTestConnections.Client(_handler, _time);

        var error = await Should.ThrowAsync<KubeApiException>(() => Collect(client));

        error.Kind.ShouldBe(KubeApiErrorKind.InvalidResponse);
        error.Message.ShouldStartWith($"The API server at https://api.example:6443/ answered GET {WatchPath} with a watch event EdgeNode cannot read (");
    }

    [Fact]
    public async Task WatchAsync_OpenStreamLongerThanRequestTimeout_IsNotCut()
    {
        var stream = _handler.EnqueueWatch();
        using var client = KubeTestConnections.Client(_handler, _time);
        var events = new List<WatchEvent<Pod>>();
        var watching = Task.Run(async () =>
        {
            await foreach (var watchEvent in client.WatchAsync(WatchPath, KubeJsonContext.Default.Pod, TestContext.Current.CancellationToken))
            {
                lock (events)
                {
                    events.Add(watchEvent);
                }
            }
        }, TestContext.Current.CancellationToken);
        await AsyncWait.UntilAsync(() => _handler.RequestCount == 1, "the watch request");

        _time.Advance(TimeSpan.FromMinutes(5));
        stream.WriteLine(Event("ADDED", "a", "11"));
        stream.End();
        await watching;

        events.Count.ShouldBe(1);
    }

    [Fact]
    public async Task WatchAsync_DropConnections_EndsOpenWatchQuietly()
    {
        var handlers = new List<FakeApiHandler>();
        using var client = new KubeApiClient(KubeTestConnections.Token(), new KubeApiClientOptions(), _time, () =>
        {
            var handler = new FakeApiHandler();
            handlers.Add(handler);
            return handler;
        });
        var stream = handlers[0].EnqueueWatch();
        stream.WriteLine(Event("ADDED", "a", "11"));
        var events = new List<WatchEvent<Pod>>();

        await foreach (var watchEvent in client.WatchAsync(WatchPath, KubeJsonContext.Default.Pod, TestContext.Current.CancellationToken))
        {
            events.Add(watchEvent);
            client.DropConnections();
        }

        events.Count.ShouldBe(1);
        handlers[0].IsDisposed.ShouldBeTrue();
    }

    [Fact]
    public async Task WatchAsync_CallerCancels_ThrowsOperationCanceled()
    {
        _handler.EnqueueWatch();
        using var client = KubeTestConnections.Client(_handler, _time);
        using var cts = new CancellationTokenSource();

        var watching = Task.Run(async () =>
        {
            await foreach (var unused in client.WatchAsync(WatchPath, KubeJsonContext.Default.Pod, cts.Token))
            {
            }
        }, TestContext.Current.CancellationToken);
        await AsyncWait.UntilAsync(() => _handler.RequestCount == 1, "the watch request");
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => watching);
    }

    private static async Task<List<WatchEvent<Pod>>> Collect(KubeApiClient client)
    {
        var events = new List<WatchEvent<Pod>>();
        await foreach (var watchEvent in client.WatchAsync(WatchPath, KubeJsonContext.Default.Pod, TestContext.Current.CancellationToken))
        {
            events.Add(watchEvent);
        }

        return events;
    }

    private static string Event(string type, string name, string resourceVersion) =>
        $$"""{"type":"{{type}}","object":{"metadata":{"name":"{{name}}","namespace":"default","resourceVersion":"{{resourceVersion}}"},"spec":{"containers":[""" + "]}}}";
}
