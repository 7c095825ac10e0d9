namespace EdgeNode.Kube.Models;

/// <summary>A v1 ObjectReference: what an <see cref="Event"/> is about.</summary>
public sealed record ObjectReference
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public string? Namespace { get; init; }
    public string? Name { get; init; }
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }

    /// <summary>For events about a container, e.g. <c>spec.containers{web}</c>.</summary>
    public string? FieldPath { get; init; }
}
