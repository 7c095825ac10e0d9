namespace EdgeNode.Core.Runtime;

public interface IImageService
{
    /// <summary>Null when the image is not present on the node.</summary>
    Task<ImageInfo?> ImageStatusAsync(string image, CancellationToken cancellationToken);

    /// <summary>Pulls the image and returns its reference (image ID).</summary>
    Task<string> PullImageAsync(string image, SandboxSpec? sandbox, CancellationToken cancellationToken);

    Task<IReadOnlyList<ImageInfo>> ListImagesAsync(CancellationToken cancellationToken);
    Task RemoveImageAsync(string image, CancellationToken cancellationToken);
}
