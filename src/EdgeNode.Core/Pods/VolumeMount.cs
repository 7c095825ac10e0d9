namespace EdgeNode.Core.Pods;

public sealed record VolumeMount
{
    public string? Name { get; init; }
    public string? MountPath { get; init; }
    public bool? ReadOnly { get; init; }
    public string? SubPath { get; init; }
    public string? MountPropagation { get; init; }
}
