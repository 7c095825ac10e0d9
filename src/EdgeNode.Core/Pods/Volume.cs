namespace EdgeNode.Core.Pods;

public sealed record Volume
{
    public string? Name { get; init; }
    public EmptyDirVolumeSource? EmptyDir { get; init; }
    public HostPathVolumeSource? HostPath { get; init; }
}
