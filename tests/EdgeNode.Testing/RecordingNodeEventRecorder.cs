using EdgeNode.Core.Nodes;

namespace EdgeNode.Testing;

/// <summary>Keeps every node event in order. Thread-safe.</summary>
public sealed class RecordingNodeEventRecorder(ProgressSignal? progress = null) : INodeEventRecorder
{
    private readonly List<NodeEvent> _events = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<NodeEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<string> Reasons => Events.Select(e => e.Reason).ToList();

    public void Record(NodeEvent nodeEvent)
    {
        lock (_lock)
        {
            _events.Add(nodeEvent);
        }
        progress?.Pulse();
    }

    public IReadOnlyList<NodeEvent> WithReason(string reason) => Events.Where(e => e.Reason == reason).ToList();

    public void Clear()
    {
        lock (_lock)
        {
            _events.Clear();
        }
    }
}
