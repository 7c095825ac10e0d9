using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using EdgeNode.Core.Api;
using EdgeNode.Core.Json;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Sources;
using Microsoft.Extensions.Logging;

namespace EdgeNode.Core.Engine;

/// <summary>
/// Writes the status of API pods to <c>pods/&lt;name&gt;/status</c> (kubelet status manager) as a JSON merge patch: at once when a
/// status changes, plus a resync every 10 s of whatever could not be written. Only the newest status of a
/// pod is ever sent, so a stale write cannot overtake a newer one; the patch carries metadata.uid as a
/// precondition.
/// </summary>
public sealed partial class ApiPodStatusWriter(IPodApi api, TimeProvider time, ILogger logger) : IPodStatusSink
{
    private static readonly TimeSpan Resync = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (DesiredPod Pod, PodStatus Status, string Json)> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _sent = new(StringComparer.Ordinal);
    private readonly Channel<string> _dirty = Channel.CreateUnbounded<string>();

    public void Publish(DesiredPod pod, PodStatus status)
    {
        if (pod.Source != PodSourceNames.Api)
        {
            return;
        }
        var json = JsonSerializer.Serialize(status, PodJsonContext.Default.PodStatus);
        _latest[pod.Uid] = (pod, status, json);
        if (!_sent.TryGetValue(pod.Uid, out var sent) || sent != json)
        {
            _dirty.Writer.TryWrite(pod.Uid);
        }
    }

    public void Remove(string uid)
    {
        _latest.TryRemove(uid, out _);
        _sent.TryRemove(uid, out _);
    }

    /// <summary>Sends every pod's status again (the API server came back).</summary>
    public void ResyncAll()
    {
        _sent.Clear();
        foreach (var uid in _latest.Keys)
        {
            _dirty.Writer.TryWrite(uid);
        }
    }

    /// <summary>Writes the newest status of one pod now; returns false when it could not.</summary>
    public async Task<bool> FlushAsync(string uid, CancellationToken cancellationToken)
    {
        if (!_latest.TryGetValue(uid, out var latest) || (_sent.TryGetValue(uid, out var sent) && sent == latest.Json))
        {
            return true;
        }
        var status = JsonNode.Parse(latest.Json)!.AsObject();
        // A JSON merge patch replaces lists whole (a new sandbox's podIPs must replace the old ones), so the
        // conditions other components own (readiness gates, DisruptionTarget …) are carried over from the
        // server's copy of the pod.
        var ours = latest.Status.Conditions?.Select(c => c.Type).ToHashSet(StringComparer.Ordinal) ?? [];
        var foreign = latest.Pod.Pod.Status?.Conditions?.Where(c => !ours.Contains(c.Type)).ToList() ?? [];
        if (foreign.Count > 0 && status["conditions"] is JsonArray conditions)
        {
            foreach (var condition in foreign)
            {
                conditions.Add(JsonSerializer.SerializeToNode(condition, PodJsonContext.Default.PodCondition));
            }
        }
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["uid"] = uid }, ["status"] = status };
        try
        {
            await api.PatchPodStatusAsync(latest.Pod.Namespace, latest.Pod.Name, patch.ToJsonString(), cancellationToken);
            _sent[uid] = latest.Json;
            return true;
        }
        catch (ApiException e) when (e.Kind is ApiErrorKind.NotFound or ApiErrorKind.Conflict)
        {
            Remove(uid); // the pod is gone or is another pod with the same name now
            return true;
        }
        catch (ApiException e)
        {
            LogWriteFailed(logger, latest.Pod.FullName, e.Message);
            return false;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = time.CreateTimer(_ =>
        {
            foreach (var (uid, latest) in _latest)
            {
                if (!_sent.TryGetValue(uid, out var sent) || sent != latest.Json)
                {
                    _dirty.Writer.TryWrite(uid);
                }
            }
        }, null, Resync, Resync);
        await foreach (var uid in _dirty.Reader.ReadAllAsync(cancellationToken))
        {
            await FlushAsync(uid, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the status of pod {Pod} failed, retrying: {Error}")]
    private static partial void LogWriteFailed(ILogger logger, string pod, string error);
}
