namespace EdgeNode.Core.Pods;

public sealed record ObjectFieldSelector
{
    public string? ApiVersion { get; init; }
    public string? FieldPath { get; init; }
}
