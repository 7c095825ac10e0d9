using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Probes;
using EdgeNode.Core.Runtime;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class PodKillerTests : IAsyncDisposable
{
    private static readonly string Stop = nameof(IContainerRuntime.StopContainerAsync);
    private readonly EngineHarness _engine = new();

    public async ValueTask DisposeAsync() => await _engine.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PodKiller Killer => _engine.Killer;

    private (DesiredPod Pod, string SandboxId, ObservedContainer Instance) Running(Container container, Func<PodSpec, PodSpec>? change = null)
    {
        var spec = TestPods.Spec(container);
        var pod = TestPods.Desired(change?.Invoke(spec) ?? spec);
        var sandboxId = _engine.Runtime.AddSandbox(_engine.Sandboxes.Create(pod, 0));
        var context = new ContainerStartContext(0, new ImageInfo { Id = "sha256:x" }, new Dictionary<string, string>(), "", "", "10.88.0.2");
        var id = _engine.Runtime.AddContainer(sandboxId, _engine.Containers.Create(pod, container, context));
        return (pod, sandboxId, new ObservedContainer(sandboxId, _engine.Runtime.Container(id).Status));
    }

    [Fact]
    public async Task KillContainerAsync_RunningWithPodGrace_KillingEventAndStopWithGrace()
    {
        // Arrange
        var (pod, _, instance) = Running(TestPods.Container("app"), s => s with { TerminationGracePeriodSeconds = 15 });

        // Act
        await Killer.KillContainerAsync(pod, instance, pod.Pod.Spec.Containers[0], "10.88.0.2", "Stopping container app", null, Ct);

        // Assert
        _engine.Runtime.CallsTo(Stop).ShouldHaveSingleItem().ShouldBe(new Testing.CriCall(Stop, instance.Id, TimeSpan.FromSeconds(15)));
        _engine.Events.WithReason("Killing").ShouldHaveSingleItem().Message.ShouldBe("Stopping container app");
        _engine.Runtime.Container(instance.Id).State.ShouldBe(ContainerRunState.Exited);
    }

    [Fact]
    public async Task KillContainerAsync_GraceOverride_UsedInsteadOfPodGrace()
    {
        // Arrange
        var (pod, _, instance) = Running(TestPods.Container("app"), s => s with { TerminationGracePeriodSeconds = 15 });

        // Act
        await Killer.KillContainerAsync(pod, instance, pod.Pod.Spec.Containers[0], "", "evicted", TimeSpan.FromSeconds(5), Ct);

        // Assert
        _engine.Runtime.CallsTo(Stop).ShouldHaveSingleItem().Timeout.ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task KillContainerAsync_GraceBelowTwoSeconds_StopsWithTwoSeconds()
    {
        // Arrange
        var (pod, _, instance) = Running(TestPods.Container("app"), s => s with { TerminationGracePeriodSeconds = 1 });

        // Act
        await Killer.KillContainerAsync(pod, instance, pod.Pod.Spec.Containers[0], "", "Stopping container app", null, Ct);

        // Assert
        _engine.Runtime.CallsTo(Stop).ShouldHaveSingleItem().Timeout.ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task KillContainerAsync_AlreadyExited_DoesNothing()
    {
        // Arrange
        var (pod, _, instance) = Running(TestPods.Container("app"));
        var exited = instance with { Status = instance.Status with { State = ContainerRunState.Exited } };

        // Act
        await Killer.KillContainerAsync(pod, exited, null, "", "Stopping container app", null, Ct);

        // Assert
        _engine.Runtime.CountCalls(Stop).ShouldBe(0);
        _engine.Events.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task KillContainerAsync_PodSpecGone_GraceAndPreStopFromAnnotations()
    {
        // Arrange: an orphan left by an earlier agent run
        var preStop = new LifecycleHandler { Exec = new ExecAction { Command = ["/bin/drain"] } };
        var (_, _, instance) = Running(
            TestPods.Container("app") with { Lifecycle = new Lifecycle { PreStop = preStop } },
            s => s with { TerminationGracePeriodSeconds = 12 });

        // Act
        await Killer.KillContainerAsync(null, instance, null, "10.88.0.2", "unused", null, Ct);

        // Assert
        var hook = _engine.Prober.HookCalls.ShouldHaveSingleItem();
        hook.Handler.Exec!.Command.ShouldBe(["/bin/drain"]);
        hook.Timeout.ShouldBe(TimeSpan.FromSeconds(12));
        hook.Target.ContainerId.ShouldBe(instance.Id);
        _engine.Runtime.CallsTo(Stop).ShouldHaveSingleItem().Timeout.ShouldBe(TimeSpan.FromSeconds(12));
        _engine.Events.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task KillContainerAsync_NoGraceAnywhere_Defaults30s()
    {
        // Arrange
        var (_, _, instance) = Running(TestPods.Container("app"));
        var bare = instance with { Status = instance.Status with { Annotations = new Dictionary<string, string>() } };

        // Act
        await Killer.KillContainerAsync(null, bare, null, "", "unused", null, Ct);

        // Assert
        _engine.Runtime.CallsTo(Stop).ShouldHaveSingleItem().Timeout.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task KillContainerAsync_PreStopFails_WarningEventAndStillStops()
    {
        // Arrange
        var preStop = new LifecycleHandler { Exec = new ExecAction { Command = ["/bin/drain"] } };
        var container = TestPods.Container("app") with { Lifecycle = new Lifecycle { PreStop = preStop } };
        var (pod, _, instance) = Running(container);
        _engine.Prober.HookOutcome = new ProbeOutcome(false, "command exited with code 2");

        // Act
        await Killer.KillContainerAsync(pod, instance, container, "", "Stopping container app", null, Ct);

        // Assert
        var failed = _engine.Events.WithReason("FailedPreStopHook").ShouldHaveSingleItem();
        failed.Severity.ShouldBe(EventSeverity.Warning);
        failed.Message.ShouldBe("PreStopHook failed: command exited with code 2");
        _engine.Runtime.CountCalls(Stop).ShouldBe(1);
    }

    [Fact]
    public async Task KillContainerAsync_BadPreStopAnnotation_StopsWithoutHook()
    {
        // Arrange
        var (_, _, instance) = Running(TestPods.Container("app"));
        var annotations = new Dictionary<string, string>(instance.Status.Annotations) { [PodAnnotations.ContainerPreStopHandler] = "{not json" };
        var broken = instance with { Status = instance.Status with { Annotations = annotations } };

        // Act
        await Killer.KillContainerAsync(null, broken, null, "", "unused", null, Ct);

        // Assert
        _engine.Prober.HookCalls.ShouldBeEmpty();
        _engine.Runtime.CountCalls(Stop).ShouldBe(1);
    }

    [Fact]
    public async Task KillPodAsync_RunningPod_StopsContainersThenReadySandboxes()
    {
        // Arrange
        var (pod, sandboxId, instance) = Running(TestPods.Container("app"));
        var state = new PodRuntimeState(_engine.Runtime.Sandboxes.Select(s => s.Info).ToList(), [instance], "10.88.0.2");

        // Act
        await Killer.KillPodAsync(pod, state, null, Ct);

        // Assert
        var calls = _engine.Runtime.Calls.Select(c => c.Method).ToList();
        calls.IndexOf(Stop).ShouldBeLessThan(calls.IndexOf(nameof(IPodSandboxRuntime.StopPodSandboxAsync)));
        _engine.Runtime.Sandboxes.Single(s => s.Id == sandboxId).State.ShouldBe(SandboxState.NotReady);
    }

    [Fact]
    public async Task RemovePodAsync_StoppedPod_RemovesRuntimeObjectsLogsVolumesAndCgroups()
    {
        // Arrange
        var (pod, sandboxId, instance) = Running(TestPods.Container("app"));
        var logDirectory = _engine.Sandboxes.LogDirectory(pod);
        Directory.CreateDirectory(Path.Combine(logDirectory, "app"));
        var logFile = Path.Combine(logDirectory, "app", "0.log");
        File.WriteAllText(logFile, "x");
        _engine.Volumes.WriteEtcHosts(pod, "10.88.0.2");
        var withLog = instance with { Status = instance.Status with { LogPath = logFile } };
        var state = new PodRuntimeState(_engine.Runtime.Sandboxes.Select(s => s.Info).ToList(), [withLog], "");

        // Act
        await Killer.RemovePodAsync(pod.Uid, state, Ct);

        // Assert
        _engine.Runtime.Sandboxes.ShouldBeEmpty();
        _engine.Runtime.Containers.ShouldBeEmpty();
        _engine.Runtime.CallsTo(nameof(IPodSandboxRuntime.RemovePodSandboxAsync)).ShouldHaveSingleItem().Target.ShouldBe(sandboxId);
        Directory.Exists(logDirectory).ShouldBeFalse();
        Directory.Exists(_engine.Volumes.PodDirectory(pod.Uid)).ShouldBeFalse();
        _engine.Cgroups.Removed.Select(r => r.Qos).ShouldBe([QosClass.Guaranteed, QosClass.Burstable, QosClass.BestEffort], ignoreOrder: true);
        _engine.Cgroups.Removed.ShouldAllBe(r => r.Uid == pod.Uid);
    }

    [Fact]
    public async Task RemoveContainerAsync_WithLogFile_DeletesLogToo()
    {
        // Arrange
        var (_, _, instance) = Running(TestPods.Container("app"));
        var logFile = Path.Combine(_engine.Directory, "0.log");
        File.WriteAllText(logFile, "x");

        // Act
        await Killer.RemoveContainerAsync(instance with { Status = instance.Status with { LogPath = logFile } }, Ct);

        // Assert
        File.Exists(logFile).ShouldBeFalse();
        _engine.Runtime.Containers.ShouldBeEmpty();
    }
}
