namespace EdgeNode.Kube.Models;

/// <summary>Conditions a DELETE must meet; otherwise the API server answers 409 Conflict.</summary>
public sealed record Preconditions
{
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }
}
