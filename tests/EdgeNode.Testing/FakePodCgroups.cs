using EdgeNode.Core.Engine;

namespace EdgeNode.Testing;

/// <summary>Answers cgroupfs-style parents and records removals.</summary>
public sealed class FakePodCgroups : IPodCgroups
{
    private readonly List<(string Uid, QosClass Qos)> _removed = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<(string Uid, QosClass Qos)> Removed
    {
        get
        {
            lock (_lock)
            {
                return [.. _removed];
            }
        }
    }

    public string ParentFor(string podUid, QosClass qos) => qos == QosClass.Guaranteed
        ? $"/kubepods/pod{podUid}"
        : $"/kubepods/{qos.ToString().ToLowerInvariant()}/pod{podUid}";

    public void Remove(string podUid, QosClass qos)
    {
        lock (_lock)
        {
            _removed.Add((podUid, qos));
        }
    }
}
