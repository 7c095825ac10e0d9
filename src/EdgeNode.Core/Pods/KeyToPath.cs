namespace EdgeNode.Core.Pods;

public sealed record KeyToPath
{
    public string? Key { get; init; }
    public string? Path { get; init; }
    public int? Mode { get; init; }
}
