using EdgeNode.Core.Sources;

namespace EdgeNode.Core.Manifests;

internal sealed record ManifestReadResult(IReadOnlyList<ManifestPod> Pods, IReadOnlyList<ManifestProblem> Problems);
