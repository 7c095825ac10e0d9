using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Engine;

/// <summary>One pod as the agent sees it, for `edgenode pods`: where it came from, its status, and any problem.</summary>
public sealed record PodReport
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public string Uid { get; init; } = "";
    public string Source { get; init; } = "";
    public string? ManifestPath { get; init; }
    public PodStatus? Status { get; init; }

    /// <summary>Set when the pod's manifest is invalid or the pod was kept running without a valid manifest.</summary>
    public string? Problem { get; init; }
}
