using System.Diagnostics;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Engine;

/// <summary>
/// Makes a container's image present according to its imagePullPolicy, with the kubelet's separate
/// pull back-off per pod and image (ErrImagePull, then ImagePullBackOff while backing off).
/// </summary>
public sealed class ImageManager(IImageService images, Backoff pullBackoff, IPodEventRecorder events)
{
    public async Task<ImageResult> EnsureAsync(DesiredPod pod, Container container, SandboxSpec sandbox, CancellationToken cancellationToken)
    {
        var image = WithDefaultTag(container.Image!);
        var policy = container.ImagePullPolicy ?? "IfNotPresent";
        var present = await images.ImageStatusAsync(image, cancellationToken);
        if (present is not null && policy != "Always")
        {
            events.Record(pod, EventSeverity.Normal, "Pulled", $"Container image \"{container.Image}\" already present on machine");
            return new ImageResult(present, null, null);
        }
        if (policy == "Never")
        {
            var message = $"Container image \"{container.Image}\" is not present with pull policy of Never";
            events.Record(pod, EventSeverity.Warning, "ErrImageNeverPull", message);
            return new ImageResult(null, new ContainerWaiting("ErrImageNeverPull", message), null);
        }

        var key = $"{pod.Uid}_{image}";
        if (pullBackoff.IsInBackoffSinceUpdate(key))
        {
            var message = $"Back-off pulling image \"{container.Image}\"";
            events.Record(pod, EventSeverity.Normal, "BackOff", message);
            return new ImageResult(null, new ContainerWaiting("ImagePullBackOff", message), pullBackoff.RetryAt(key));
        }

        events.Record(pod, EventSeverity.Normal, "Pulling", $"Pulling image \"{container.Image}\"");
        var started = Stopwatch.GetTimestamp();
        try
        {
            await images.PullImageAsync(image, sandbox, cancellationToken);
            var pulled = await images.ImageStatusAsync(image, cancellationToken)
                ?? throw new RuntimeException(RuntimeErrorKind.NotFound, $"image \"{image}\" was pulled but the runtime does not list it");
            events.Record(pod, EventSeverity.Normal, "Pulled", $"Successfully pulled image \"{container.Image}\" in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.###}s");
            pullBackoff.Reset(key);
            return new ImageResult(pulled, null, null);
        }
        catch (RuntimeException e) when (!cancellationToken.IsCancellationRequested)
        {
            pullBackoff.Next(key);
            events.Record(pod, EventSeverity.Warning, "Failed", $"Failed to pull image \"{container.Image}\": {e.Message}");
            return new ImageResult(null, new ContainerWaiting("ErrImagePull", e.Message), pullBackoff.RetryAt(key));
        }
    }

    /// <summary>An image without tag or digest means <c>:latest</c>, as the kubelet appends it.</summary>
    public static string WithDefaultTag(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return image;
        }
        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        return lastSegment.Contains(':', StringComparison.Ordinal) ? image : image + ":latest";
    }
}
