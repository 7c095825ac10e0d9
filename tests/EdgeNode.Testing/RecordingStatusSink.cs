using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;

namespace EdgeNode.Testing;

/// <summary>Keeps every status a pod worker published, and the UIDs it removed. Thread-safe.</summary>
public sealed class RecordingStatusSink(ProgressSignal? progress = null) : IPodStatusSink
{
    private readonly List<(string Uid, PodStatus Status)> _published = [];
    private readonly List<string> _removed = [];
    private readonly Lock _lock = new();

    public int PublishCount
    {
        get
        {
            lock (_lock)
            {
                return _published.Count;
            }
        }
    }

    public IReadOnlyList<string> Removed
    {
        get
        {
            lock (_lock)
            {
                return [.. _removed];
            }
        }
    }

    /// <summary>The last status published for <paramref name="uid"/>, if any.</summary>
    public PodStatus? Latest(string uid)
    {
        lock (_lock)
        {
            return _published.LastOrDefault(p => p.Uid == uid).Status;
        }
    }

    public void Publish(DesiredPod pod, PodStatus status)
    {
        lock (_lock)
        {
            _published.Add((pod.Uid, status));
        }
        progress?.Pulse();
    }

    public void Remove(string uid)
    {
        lock (_lock)
        {
            _removed.Add(uid);
        }
        progress?.Pulse();
    }
}
