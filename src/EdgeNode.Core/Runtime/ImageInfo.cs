namespace EdgeNode.Core.Runtime;

public sealed record ImageInfo
{
    public required string Id { get; init; }
    public IReadOnlyList<string> RepoTags { get; init; } = [];
    public IReadOnlyList<string> RepoDigests { get; init; } = [];
    public ulong Size { get; init; }
    public bool Pinned { get; init; }

    /// <summary>The image's numeric user when it names one (CRI Image.uid).</summary>
    public long? Uid { get; init; }

    /// <summary>The image's user when it is not numeric (CRI Image.username).</summary>
    public string Username { get; init; } = "";
}
