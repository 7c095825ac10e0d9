namespace EdgeNode.Core.Pods;

public sealed record SecretVolumeSource
{
    public string? SecretName { get; init; }
    public List<KeyToPath>? Items { get; init; }
    public int? DefaultMode { get; init; }
    public bool? Optional { get; init; }
}
