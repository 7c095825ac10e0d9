using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using EdgeNode.Testing;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class PodRuntimeStateReaderTests
{
    private static readonly string Status = nameof(IContainerStatusReader.ContainerStatusAsync);
    private static readonly string SandboxStatus = nameof(IPodSandboxRuntime.PodSandboxStatusAsync);
    private readonly TrackingTimeProvider _time = new();
    private readonly FakeCriRuntime _runtime;
    private readonly PodRuntimeStateReader _reader;

    public PodRuntimeStateReaderTests()
    {
        _runtime = new FakeCriRuntime(_time);
        _reader = new PodRuntimeStateReader(_runtime);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SandboxSpec Sandbox(string uid, uint attempt = 0) => new()
    {
        Name = "web", Namespace = "default", Uid = uid, Attempt = attempt,
        Labels = new Dictionary<string, string> { [PodLabels.PodUid] = uid, [PodLabels.ManagedBy] = "true" },
    };

    private static ContainerSpec Container(string uid, string name, int restartCount = 0) => new()
    {
        Name = name,
        Image = "sha256:x",
        Labels = new Dictionary<string, string> { [PodLabels.PodUid] = uid, [PodLabels.ContainerName] = name },
        Annotations = new Dictionary<string, string> { [PodAnnotations.ContainerRestartCount] = restartCount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    [Fact]
    public async Task ReadAsync_TwoPods_OnlyThisPodsObjectsNewestFirst()
    {
        // Arrange
        var old = _runtime.AddSandbox(Sandbox("pod-a"), SandboxState.NotReady);
        _runtime.AddContainer(old, Container("pod-a", "app", 0), ContainerRunState.Exited);
        _time.Advance(TimeSpan.FromSeconds(1));
        var current = _runtime.AddSandbox(Sandbox("pod-a", attempt: 1));
        _runtime.AddContainer(current, Container("pod-a", "app", 1));
        var other = _runtime.AddSandbox(Sandbox("pod-b"));
        _runtime.AddContainer(other, Container("pod-b", "app"));

        // Act
        var state = await _reader.ReadAsync("pod-a", Ct);

        // Assert
        state.Sandboxes.Select(s => s.Id).ShouldBe([current, old]);
        state.CurrentSandbox!.Id.ShouldBe(current);
        state.Containers.Select(c => c.RestartCount).ShouldBe([1, 0]);
        state.Containers[0].SandboxId.ShouldBe(current);
        state.SandboxIp.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task ReadAsync_SameTimeInstances_OrderedByRestartCount()
    {
        // Arrange: instances created within the same clock tick
        var sandbox = _runtime.AddSandbox(Sandbox("pod-a"));
        _runtime.AddContainer(sandbox, Container("pod-a", "app", 3), ContainerRunState.Running);
        _runtime.AddContainer(sandbox, Container("pod-a", "app", 2), ContainerRunState.Exited);

        // Act
        var state = await _reader.ReadAsync("pod-a", Ct);

        // Assert
        state.Latest("app")!.RestartCount.ShouldBe(3);
        state.Previous("app")!.RestartCount.ShouldBe(2);
    }

    [Fact]
    public async Task ReadAsync_StateUnchanged_UsesCachedStatus()
    {
        // Arrange
        var sandbox = _runtime.AddSandbox(Sandbox("pod-a"));
        _runtime.AddContainer(sandbox, Container("pod-a", "app"));
        await _reader.ReadAsync("pod-a", Ct);

        // Act
        await _reader.ReadAsync("pod-a", Ct);

        // Assert
        _runtime.CountCalls(Status).ShouldBe(1);
        _runtime.CountCalls(SandboxStatus).ShouldBe(1);
    }

    [Fact]
    public async Task ReadAsync_ContainerExited_RefreshesStatus()
    {
        // Arrange
        var sandbox = _runtime.AddSandbox(Sandbox("pod-a"));
        var id = _runtime.AddContainer(sandbox, Container("pod-a", "app"));
        await _reader.ReadAsync("pod-a", Ct);
        _runtime.ExitContainer(id, 3);

        // Act
        var state = await _reader.ReadAsync("pod-a", Ct);

        // Assert
        _runtime.CountCalls(Status).ShouldBe(2);
        state.Latest("app")!.State.ShouldBe(ContainerRunState.Exited);
        state.Latest("app")!.Status.ExitCode.ShouldBe(3);
    }

    [Fact]
    public async Task ReadAsync_NoReadySandbox_NoIpAndNoSandboxStatusCall()
    {
        // Arrange
        _runtime.AddSandbox(Sandbox("pod-a"), SandboxState.NotReady);

        // Act
        var state = await _reader.ReadAsync("pod-a", Ct);

        // Assert
        state.SandboxIp.ShouldBe("");
        state.HasReadySandbox.ShouldBeFalse();
        _runtime.CountCalls(SandboxStatus).ShouldBe(0);
    }

    [Fact]
    public async Task Forget_CachedContainer_ReadsStatusAgain()
    {
        // Arrange
        var sandbox = _runtime.AddSandbox(Sandbox("pod-a"));
        var id = _runtime.AddContainer(sandbox, Container("pod-a", "app"));
        await _reader.ReadAsync("pod-a", Ct);

        // Act
        _reader.Forget([id, sandbox]);
        await _reader.ReadAsync("pod-a", Ct);

        // Assert
        _runtime.CountCalls(Status).ShouldBe(2);
        _runtime.CountCalls(SandboxStatus).ShouldBe(2);
    }
}
