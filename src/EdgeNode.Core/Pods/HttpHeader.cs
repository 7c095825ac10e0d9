namespace EdgeNode.Core.Pods;

public sealed record HttpHeader
{
    public string? Name { get; init; }
    public string? Value { get; init; }
}
