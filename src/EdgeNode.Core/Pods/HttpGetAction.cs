namespace EdgeNode.Core.Pods;

public sealed record HttpGetAction
{
    public string? Path { get; init; }
    public IntOrString? Port { get; init; }
    public string? Host { get; init; }
    public string? Scheme { get; init; }
    public List<HttpHeader>? HttpHeaders { get; init; }
}
