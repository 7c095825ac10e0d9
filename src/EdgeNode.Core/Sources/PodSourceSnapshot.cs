using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Sources;

/// <summary>
/// The complete set of pods one source wants right now, plus what it could not use. Pods from a
/// manifest that became invalid stay in <see cref="Pods"/> (last valid version) and the file is also in
/// <see cref="Problems"/>; a running pod whose manifest path has a problem is never stopped.
/// </summary>
public sealed record PodSourceSnapshot(string Source, IReadOnlyList<DesiredPod> Pods, IReadOnlyList<ManifestProblem> Problems);
