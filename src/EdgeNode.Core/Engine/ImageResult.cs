using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Engine;

/// <summary>Either the image to run, or why the container waits and when to try again.</summary>
public sealed record ImageResult(ImageInfo? Image, ContainerWaiting? Waiting, DateTimeOffset? RetryAt);
