using System.Globalization;
using System.Threading.Channels;
using EdgeNode.Core.Engine;
using EdgeNode.Core.Nodes;
using EdgeNode.Core.Pods;
using EdgeNode.Kube.Api;
using EdgeNode.Kube.Models;
using Microsoft.Extensions.Logging;

namespace EdgeNode.Kube.Adapters;

/// <summary>
/// Posts the kubelet's pod and node events (source component "kubelet") in the background: a bounded
/// queue, at most eventRecordQPS (50/s) after a burst of 100; events that cannot be posted (API away)
/// are dropped — they are in the agent's log already.
/// </summary>
public sealed partial class KubeEventRecorder : IPodEventRecorder, INodeEventRecorder, IAsyncDisposable
{
    private const int Burst = 100;
    private static readonly TimeSpan Refill = TimeSpan.FromMilliseconds(20);
    private readonly Channel<Event> _queue = Channel.CreateBounded<Event>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly KubeApiClient _client;
    private readonly string _nodeName;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sender;

    public KubeEventRecorder(KubeApiClient client, string nodeName, TimeProvider time, ILogger logger)
    {
        _client = client;
        _nodeName = nodeName;
        _time = time;
        _logger = logger;
        _sender = SendAsync(_stop.Token);
    }

    public void Record(DesiredPod pod, EventSeverity severity, string reason, string message) =>
        Enqueue(pod.Namespace, new ObjectReference { Kind = "Pod", ApiVersion = "v1", Namespace = pod.Namespace, Name = pod.Name, Uid = pod.Uid },
            severity == EventSeverity.Warning, reason, message);

    public void Record(NodeEvent nodeEvent) =>
        Enqueue("default", new ObjectReference { Kind = "Node", Name = _nodeName, Uid = _nodeName }, nodeEvent.Warning, nodeEvent.Reason, nodeEvent.Message);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _sender;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private void Enqueue(string eventNamespace, ObjectReference involved, bool warning, string reason, string message)
    {
        var now = _time.GetUtcNow();
        _queue.Writer.TryWrite(new Event
        {
            Metadata = new ObjectMeta
            {
                Name = $"{involved.Name}.{(now.ToUnixTimeMilliseconds() * 1_000_000 + Random.Shared.Next(1_000_000)).ToString("x", CultureInfo.InvariantCulture)}",
                Namespace = eventNamespace,
            },
            InvolvedObject = involved,
            Reason = reason,
            Message = message,
            Type = warning ? "Warning" : "Normal",
            Source = new EventSource { Component = "kubelet", Host = _nodeName },
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
            ReportingComponent = "kubelet",
            ReportingInstance = _nodeName,
        });
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        var tokens = Burst;
        var refilled = _time.GetUtcNow();
        await foreach (var e in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            var now = _time.GetUtcNow();
            tokens = (int)Math.Min(Burst, tokens + (now - refilled) / Refill);
            refilled = now;
            if (tokens == 0)
            {
                await Task.Delay(Refill, _time, cancellationToken);
                tokens = 1;
            }
            tokens--;
            try
            {
                await _client.CreateAsync($"/api/v1/namespaces/{e.Metadata!.Namespace}/events", e, KubeJsonContext.Default.Event, cancellationToken);
            }
            catch (KubeApiException ex)
            {
                LogDropped(_logger, e.Reason ?? "", ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event {Reason} not posted: {Error}")]
    private static partial void LogDropped(ILogger logger, string reason, string error);
}
