using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Nodes;

/// <summary>How the node registers and reports itself; names and defaults are the kubelet's.</summary>
public sealed record NodeAgentOptions
{
    public required string NodeName { get; init; }
    public bool RegisterNode { get; init; } = true;
    public IReadOnlyDictionary<string, string> NodeLabels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<Taint> RegisterWithTaints { get; init; } = [];
    public TimeSpan NodeStatusUpdateFrequency { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan NodeStatusReportFrequency { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan NodeReadyGracePeriod { get; init; } = TimeSpan.FromSeconds(120);
    public int NodeLeaseDurationSeconds { get; init; } = 40;
    public int NodeStatusUpdateRetry { get; init; } = 5;
}
