namespace EdgeNode.Core.Pods;

public sealed record EmptyDirVolumeSource
{
    /// <summary>"" (node disk) or "Memory" (tmpfs).</summary>
    public string? Medium { get; init; }
    public Quantity? SizeLimit { get; init; }
}
