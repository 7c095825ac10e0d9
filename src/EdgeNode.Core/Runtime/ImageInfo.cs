namespace EdgeNode.Core.Runtime;

public sealed record ImageInfo
{
    public required string Id { get; init; }
    public IReadOnlyList<string> RepoTags { get; init; } = [];
    public IReadOnlyList<string> RepoDigests { get; init; } = [];
    public ulong Size { get; init; }
    public bool Pinned { get; init; }
}
