namespace EdgeNode.Core.Pods;

public sealed record ResourceRequirements
{
    public Dictionary<string, Quantity>? Limits { get; init; }
    public Dictionary<string, Quantity>? Requests { get; init; }
}
