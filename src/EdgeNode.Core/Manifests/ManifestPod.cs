using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Manifests;

/// <summary>A defaulted, valid pod read from document <see cref="Document"/> (1-based) of a manifest file.</summary>
internal sealed record ManifestPod(int Document, Pod Pod);
