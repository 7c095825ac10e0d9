using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;

namespace EdgeNode.Testing;

/// <summary>Keeps every pod event in order. Thread-safe.</summary>
public sealed class RecordingEventRecorder(ProgressSignal? progress = null) : IPodEventRecorder
{
    private readonly List<RecordedEvent> _events = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<RecordedEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public void Record(DesiredPod pod, EventSeverity severity, string reason, string message)
    {
        lock (_lock)
        {
            _events.Add(new RecordedEvent(pod, severity, reason, message));
        }
        progress?.Pulse();
    }

    public IReadOnlyList<RecordedEvent> WithReason(string reason) => Events.Where(e => e.Reason == reason).ToList();

    public void Clear()
    {
        lock (_lock)
        {
            _events.Clear();
        }
    }
}
