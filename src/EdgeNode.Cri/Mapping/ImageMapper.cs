using EdgeNode.Core.Runtime;

namespace EdgeNode.Cri.Mapping;

internal static class ImageMapper
{
    public static V1.ImageSpec ToSpec(string image) => new() { Image = image };

    public static ImageInfo ToInfo(V1.Image image) => new()
    {
        Id = image.Id,
        RepoTags = [.. image.RepoTags],
        RepoDigests = [.. image.RepoDigests],
        Size = image.Size,
        Pinned = image.Pinned,
        Uid = image.Uid?.Value,
        Username = image.Username,
    };
}
