namespace EdgeNode.Core.Pods;

/// <summary>
/// A pod the node should run, as delivered by a pod source. For file pods <see cref="ManifestPath"/>
/// names the manifest it came from (used in every message about it).
/// </summary>
public sealed record DesiredPod(Pod Pod, string Source, string? ManifestPath)
{
    public string Uid => Pod.Metadata.Uid ?? throw new InvalidOperationException("a desired pod always has a UID");
    public string Name => Pod.Metadata.Name ?? "";
    public string Namespace => Pod.Metadata.Namespace ?? "default";
    public string FullName => $"{Namespace}/{Name}";
}
