using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Sources;

/// <summary>
/// A pod a manifest file offers during one scan. <see cref="Retained"/> marks the last valid version of a pod
/// whose file now has problems.
/// </summary>
internal sealed record ManifestCandidate(string Path, int Document, string ManifestName, DesiredPod Pod, bool Retained);
