using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Api;

/// <summary>All pods bound to the node; <see cref="FromList"/> marks a fresh list (first, or after reconnecting).</summary>
public sealed record NodePodSet(IReadOnlyList<Pod> Pods, bool FromList);
