using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Threading.Channels;
using EdgeNode.Testing;

namespace EdgeNode.Kube.Tests.Infrastructure;

/// <summary>
/// A scripted API server behind <see cref="HttpMessageHandler"/>: every request is recorded when it arrives,
/// then waits for the next scripted responder (so a test can look at a request before deciding the answer).
/// </summary>
internal sealed class FakeApiHandler(ProgressSignal? progress = null) : HttpMessageHandler
{
    private readonly Channel<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _responders =
        Channel.CreateUnbounded<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>>();

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public int RequestCount => _requests.Count;

    public bool IsDisposed { get; private set; }

    public void Enqueue(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> responder)
    {
        _responders.Writer.TryWrite(responder);
        progress?.Pulse();
    }

    public void EnqueueJson(HttpStatusCode status, string json) =>
        Enqueue((_, _) => Task.FromResult(Json(status, json)));

    public void EnqueueFailure(Exception exception) =>
        Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));

    /// <summary>Answers with 200 and a body the test writes watch lines into.</summary>
    public WatchStream EnqueueWatch()
    {
        var stream = new WatchStream();
        Enqueue((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stream) }));
        return stream;
    }

    /// <summary>Never answers: the request hangs until cancelled.</summary>
    public void EnqueueHang() =>
        Enqueue(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        _requests.Enqueue(new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Version,
            request.VersionPolicy,
            request.Headers.Accept.ToString(),
            request.Headers.TryGetValues("User-Agent", out var agents) ? string.Join(" ", agents) : null,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.ToString(),
            body));
        progress?.Pulse();
        var responder = await _responders.Reader.ReadAsync(cancellationToken);
        return await responder(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
