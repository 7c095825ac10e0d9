namespace EdgeNode.Core.Pods;

public sealed record Volume
{
    public string? Name { get; init; }
    public EmptyDirVolumeSource? EmptyDir { get; init; }
    public HostPathVolumeSource? HostPath { get; init; }

    /// <summary>API pods only: the content comes from the API server.</summary>
    public SecretVolumeSource? Secret { get; init; }

    /// <summary>API pods only: the content comes from the API server.</summary>
    public ConfigMapVolumeSource? ConfigMap { get; init; }
}
