namespace EdgeNode.Kube.Models;

/// <summary>The metadata of a list (and of <see cref="Status"/>).</summary>
public sealed record ListMeta
{
    public string? ResourceVersion { get; init; }
    public string? Continue { get; init; }
    public long? RemainingItemCount { get; init; }
}
