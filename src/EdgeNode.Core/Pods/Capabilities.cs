namespace EdgeNode.Core.Pods;

public sealed record Capabilities
{
    public List<string>? Add { get; init; }
    public List<string>? Drop { get; init; }
}
