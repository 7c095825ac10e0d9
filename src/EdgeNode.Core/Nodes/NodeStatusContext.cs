using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Nodes;

/// <summary>Everything one node-status computation reads; setters add the events of condition transitions.</summary>
public sealed record NodeStatusContext
{
    public required string NodeName { get; init; }
    public required DateTimeOffset Now { get; init; }
    public required MachineInfo Machine { get; init; }
    public string NodeIp { get; init; } = "";
    public string Hostname { get; init; } = "";
    public string KubeletVersion { get; init; } = "";
    public int KubeletPort { get; init; } = 10250;
    public int MaxPods { get; init; } = 110;
    public int MaxImages { get; init; } = 50;

    /// <summary>kubeReserved + systemReserved + hard eviction thresholds, subtracted from capacity.</summary>
    public IReadOnlyDictionary<string, Quantity> Reserved { get; init; } = new Dictionary<string, Quantity>();

    /// <summary>Null while the runtime has not answered yet.</summary>
    public RuntimeVersion? RuntimeVersion { get; init; }

    /// <summary>Null while the runtime has not answered yet; an unreachable runtime is a health with a message.</summary>
    public RuntimeHealth? RuntimeHealth { get; init; }

    public IReadOnlyList<ImageInfo> Images { get; init; } = [];
    public PressureState Pressure { get; init; } = new(false, false, false);

    /// <summary>Further reasons the node is not ready (e.g. "node is shutting down").</summary>
    public IReadOnlyList<string> NotReadyReasons { get; init; } = [];

    /// <summary>Conditions as last posted (for transition times).</summary>
    public IReadOnlyList<NodeCondition> PreviousConditions { get; init; } = [];

    public List<NodeEvent> Events { get; } = [];
}
