using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using EdgeNode.Testing;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class ImageManagerTests
{
    private static readonly string Pull = nameof(IImageService.PullImageAsync);
    private readonly TrackingTimeProvider _time = new();
    private readonly FakeCriRuntime _runtime;
    private readonly RecordingEventRecorder _events = new();
    private readonly ImageManager _images;
    private readonly SandboxSpec _sandbox = new() { Name = TestPods.Name, Namespace = TestPods.Namespace, Uid = TestPods.Uid };

    public ImageManagerTests()
    {
        _runtime = new FakeCriRuntime(_time);
        _images = new ImageManager(_runtime, new Backoff(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(300), TimeSpan.FromMinutes(10), _time), _events);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (DesiredPod Pod, Container Container) Pod(string image, string? policy)
    {
        var container = TestPods.Container("app", image) with { ImagePullPolicy = policy };
        return (TestPods.Desired(TestPods.Spec(container)), container);
    }

    [Fact]
    public async Task EnsureAsync_IfNotPresentAndPresent_DoesNotPull()
    {
        // Arrange
        _runtime.AddImage("nginx:1.27", id: "sha256:aaa");
        var (pod, container) = Pod("nginx:1.27", "IfNotPresent");

        // Act
        var result = await _images.EnsureAsync(pod, container, _sandbox, Ct);

        // Assert
        result.Image!.Id.ShouldBe("sha256:aaa");
        result.Waiting.ShouldBeNull();
        _runtime.CountCalls(Pull).ShouldBe(0);
        _events.Events.ShouldHaveSingleItem().Message.ShouldBe("Container image \"nginx:1.27\" already present on machine");
    }

    [Fact]
    public async Task EnsureAsync_NoPolicyAndPresent_TreatedAsIfNotPresent()
    {
        // Arrange
        _runtime.AddImage("nginx:1.27");
        var (pod, container) = Pod("nginx:1.27", null);

        // Act
        var result = await _images.EnsureAsync(pod, container, _sandbox, Ct);

        // Assert
        result.Image.ShouldNotBeNull();
        _runtime.CountCalls(Pull).ShouldBe(0);
    }

    [Fact]
    public async Task EnsureAsync_IfNotPresentAndAbsent_PullsWithDefaultTag()
    {
        // Arrange
        var (pod, container) = Pod("busybox", "IfNotPresent");

        // Act
        var result = await _images.EnsureAsync(pod, container, _sandbox, Ct);

        // Assert
        result.Image.ShouldNotBeNull();
        _runtime.CallsTo(Pull).ShouldHaveSingleItem().Target.ShouldBe("busybox:latest");
        _events.Events.Select(e => e.Reason).ShouldBe(["Pulling", "Pulled"]);
        _events.Events[0].Message.ShouldBe("Pulling image \"busybox\"");
        _events.Events[1].Message.ShouldStartWith("Successfully pulled image \"busybox\" in ");
    }

    [Fact]
    public async Task EnsureAsync_AlwaysAndPresent_PullsAgain()
    {
        // Arrange
        _runtime.AddImage("nginx:1.27");
        var (pod, container) = Pod("nginx:1.27", "Always");

        // Act
        await _images.EnsureAsync(pod, container, _sandbox, Ct);

        // Assert
        _runtime.CountCalls(Pull).ShouldBe(1);
    }

    [Fact]
    public async Task EnsureAsync_NeverAndAbsent_ErrImageNeverPull()
    {
        // Arrange
        var (pod, container) = Pod("nginx:1.27", "Never");

        // Act
        var result = await _images.EnsureAsync(pod, container, _sandbox, Ct);

        // Assert
        result.Image.ShouldBeNull();
        result.Waiting!.Reason.ShouldBe("ErrImageNeverPull");
        result.Waiting.Message.ShouldBe("Container image \"nginx:1.27\" is not present with pull policy of Never");
        _runtime.CountCalls(Pull).ShouldBe(0);
        _events.WithReason("ErrImageNeverPull").ShouldHaveSingleItem().Severity.ShouldBe(EventSeverity.Warning);
    }

    [Fact]
    public async Task EnsureAsync_NeverAndPresent_UsesImage()
    {
        // Arrange
        _runtime.AddImage("nginx:1.27");
        var (pod, container) = Pod("nginx:1.27", "Never");

        // Act
        var result = await _images.EnsureAsync(pod, container, _sandbox, Ct);

        // Assert
        result.Image.ShouldNotBeNull();
    }

    [Fact]
    public async Task EnsureAsync_PullFails_ErrImagePullWithRuntimeMessageAndRetryIn10s()
    {
        // Arrange
        _runtime.FailNext(Pull, new RuntimeException(RuntimeErrorKind.Rejected, "pull access denied for ghost"));
        var (pod, container) = Pod("ghost:1", "IfNotPresent");

        // Act
        var result = await _images.EnsureAsync(pod, container, _sandbox, Ct);

        // Assert
        result.Waiting!.Reason.ShouldBe("ErrImagePull");
        result.Waiting.Message.ShouldBe("pull access denied for ghost");
        result.RetryAt.ShouldBe(_time.GetUtcNow() + TimeSpan.FromSeconds(10));
        _events.WithReason("Failed").ShouldHaveSingleItem().Message.ShouldBe("Failed to pull image \"ghost:1\": pull access denied for ghost");
    }

    [Fact]
    public async Task EnsureAsync_WithinPullBackoff_ImagePullBackOffWithoutPulling()
    {
        // Arrange
        _runtime.FailNext(Pull, new RuntimeException(RuntimeErrorKind.Rejected, "not found"));
        var (pod, container) = Pod("ghost:1", "IfNotPresent");
        await _images.EnsureAsync(pod, container, _sandbox, Ct);
        _time.Advance(TimeSpan.FromSeconds(9));

        // Act
        var result = await _images.EnsureAsync(pod, container, _sandbox, Ct);

        // Assert
        result.Waiting!.Reason.ShouldBe("ImagePullBackOff");
        result.Waiting.Message.ShouldBe("Back-off pulling image \"ghost:1\"");
        result.RetryAt.ShouldBe(_time.GetUtcNow() + TimeSpan.FromSeconds(1));
        _runtime.CountCalls(Pull).ShouldBe(1);
    }

    [Fact]
    public async Task EnsureAsync_BackoffPassed_PullsAgainAndDoublesOnFailure()
    {
        // Arrange
        _runtime.FailNext(Pull, new RuntimeException(RuntimeErrorKind.Rejected, "not found"));
        _runtime.FailNext(Pull, new RuntimeException(RuntimeErrorKind.Rejected, "still not found"));
        var (pod, container) = Pod("ghost:1", "IfNotPresent");
        await _images.EnsureAsync(pod, container, _sandbox, Ct);
        _time.Advance(TimeSpan.FromSeconds(10));

        // Act
        var second = await _images.EnsureAsync(pod, container, _sandbox, Ct);

        // Assert
        _runtime.CountCalls(Pull).ShouldBe(2);
        second.Waiting!.Reason.ShouldBe("ErrImagePull");
        second.Waiting.Message.ShouldBe("still not found");
        second.RetryAt.ShouldBe(_time.GetUtcNow() + TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task EnsureAsync_PullSucceedsAfterFailure_ResetsBackoff()
    {
        // Arrange
        _runtime.FailNext(Pull, new RuntimeException(RuntimeErrorKind.Unavailable, "connection refused"));
        var (pod, container) = Pod("app:1", "Always");
        await _images.EnsureAsync(pod, container, _sandbox, Ct);
        _time.Advance(TimeSpan.FromSeconds(10));
        var recovered = await _images.EnsureAsync(pod, container, _sandbox, Ct);

        // Act: an Always pull right after a success is not held back
        var again = await _images.EnsureAsync(pod, container, _sandbox, Ct);

        // Assert
        recovered.Image.ShouldNotBeNull();
        again.Image.ShouldNotBeNull();
        _runtime.CountCalls(Pull).ShouldBe(3);
    }

    [Fact]
    public async Task EnsureAsync_BackoffIsPerPod_OtherPodStillPulls()
    {
        // Arrange
        _runtime.FailNext(Pull, new RuntimeException(RuntimeErrorKind.Rejected, "not found"));
        var (pod, container) = Pod("shared:1", "IfNotPresent");
        await _images.EnsureAsync(pod, container, _sandbox, Ct);
        var other = TestPods.Desired(pod.Pod.Spec, name: "other", uid: "other-uid");

        // Act
        var result = await _images.EnsureAsync(other, container, _sandbox, Ct);

        // Assert
        result.Image.ShouldNotBeNull();
        _runtime.CountCalls(Pull).ShouldBe(2);
    }

    [Theory]
    [InlineData("nginx", "nginx:latest")]
    [InlineData("nginx:1.27", "nginx:1.27")]
    [InlineData("registry.local:5000/app", "registry.local:5000/app:latest")]
    [InlineData("registry.local:5000/app:v2", "registry.local:5000/app:v2")]
    [InlineData("nginx@sha256:abcd", "nginx@sha256:abcd")]
    public void WithDefaultTag_ImageName_AppendsLatestOnlyWithoutTagOrDigest(string image, string expected) =>
        ImageManager.WithDefaultTag(image).ShouldBe(expected);
}
