namespace EdgeNode.Core.Runtime;

/// <summary>A container as listed by the runtime.</summary>
public sealed record ContainerInfo
{
    public required string Id { get; init; }
    public required string SandboxId { get; init; }
    public required string Name { get; init; }
    public uint Attempt { get; init; }
    public string Image { get; init; } = "";
    public string ImageRef { get; init; } = "";
    public ContainerRunState State { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
}
