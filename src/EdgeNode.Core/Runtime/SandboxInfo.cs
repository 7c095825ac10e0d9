namespace EdgeNode.Core.Runtime;

/// <summary>A sandbox as listed by the runtime.</summary>
public sealed record SandboxInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Namespace { get; init; }
    public required string Uid { get; init; }
    public uint Attempt { get; init; }
    public SandboxState State { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
}
