using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Probes;
using EdgeNode.Core.Runtime;
using EdgeNode.Core.Tests.Engine;
using EdgeNode.Testing;
using Shouldly;

namespace EdgeNode.Core.Tests.Probes;

public sealed class PodProbesTests : IAsyncDisposable
{
    private readonly ProgressSignal _progress = new();
    private readonly TrackingTimeProvider _time;
    private readonly FakeProber _prober;
    private readonly RecordingEventRecorder _events;
    private readonly PodProbes _probes;
    private int _changes;

    public PodProbesTests()
    {
        _time = new TrackingTimeProvider(_progress);
        _prober = new FakeProber(_progress);
        _events = new RecordingEventRecorder(_progress);
        _probes = new PodProbes(_prober, _time, _events, () => Interlocked.Increment(ref _changes));
    }

    public async ValueTask DisposeAsync() => await _probes.DisposeAsync();

    private static Probe Exec(string name, int initialDelay = 0, int period = 10, int failureThreshold = 3) => new()
    {
        Exec = new ExecAction { Command = [name] },
        InitialDelaySeconds = initialDelay,
        PeriodSeconds = period,
        FailureThreshold = failureThreshold,
        SuccessThreshold = 1,
    };

    private PodRuntimeState Running(params (string Name, string Id)[] containers)
    {
        var now = _time.GetUtcNow();
        var sandbox = new SandboxInfo
        {
            Id = "sb-1", Name = TestPods.Name, Namespace = TestPods.Namespace, Uid = TestPods.Uid, State = SandboxState.Ready, CreatedAt = now,
        };
        var observed = containers.Select(c => new ObservedContainer("sb-1", new ContainerStatusInfo
        {
            Id = c.Id, Name = c.Name, State = ContainerRunState.Running, CreatedAt = now, StartedAt = now,
        })).ToList();
        return new PodRuntimeState([sandbox], observed, "10.88.0.2");
    }

    private Task ProbeCallsAsync(Probe probe, int count) =>
        AsyncWait.UntilAsync(() => _prober.CallsTo(probe) >= count, $"{count} call(s) of the probe", _progress);

    private Task TimersAsync(int count) =>
        AsyncWait.UntilAsync(() => _time.TimersCreated >= count, $"{count} timer(s) armed", _progress);

    [Fact]
    public async Task IsReady_ContainerWithoutProbes_ReadyAndStarted()
    {
        // Arrange
        var pod = TestPods.Desired(TestPods.Spec(TestPods.Container("app")));

        // Act
        await _probes.SyncAsync(pod, Running(("app", "c1")));

        // Assert
        _probes.IsReady("c1").ShouldBeTrue();
        _probes.IsStarted("c1").ShouldBeTrue();
        _probes.Unhealthy().ShouldBeEmpty();
        _time.TimersCreated.ShouldBe(0);
    }

    [Fact]
    public async Task IsReady_ReadinessProbeNotRunYet_NotReady()
    {
        // Arrange
        var readiness = Exec("ready", initialDelay: 5);
        var pod = TestPods.Desired(TestPods.Spec(TestPods.Container("app") with { ReadinessProbe = readiness }));

        // Act
        await _probes.SyncAsync(pod, Running(("app", "c1")));
        await TimersAsync(1);

        // Assert
        _probes.IsReady("c1").ShouldBeFalse();
        _prober.CallsTo(readiness).ShouldBe(0);
    }

    [Fact]
    public async Task IsReady_ReadinessPassesThenFailsThreeTimes_FlipsOnlyAfterFailureThreshold()
    {
        // Arrange
        var readiness = Exec("ready", period: 10, failureThreshold: 3);
        var pod = TestPods.Desired(TestPods.Spec(TestPods.Container("app") with { ReadinessProbe = readiness }));
        await _probes.SyncAsync(pod, Running(("app", "c1")));
        await ProbeCallsAsync(readiness, 1);
        await AsyncWait.UntilAsync(() => _probes.IsReady("c1"), "the first success to make the container ready", _progress);
        _prober.SetOutcome(readiness, false, "HTTP probe failed with statuscode: 503");
        var readyAfter = new List<bool>();

        // Act
        for (var i = 1; i <= 3; i++)
        {
            await TimersAsync(i);
            _time.Advance(TimeSpan.FromSeconds(10));
            await ProbeCallsAsync(readiness, i + 1);
            await AsyncWait.UntilAsync(() => _events.WithReason("Unhealthy").Count >= i, "the failure event", _progress);
            readyAfter.Add(_probes.IsReady("c1"));
        }

        // Assert
        readyAfter.ShouldBe([true, true, false]);
        _events.WithReason("Unhealthy")[0].Message.ShouldBe("Readiness probe failed: HTTP probe failed with statuscode: 503");
        _events.WithReason("Unhealthy")[0].Severity.ShouldBe(EventSeverity.Warning);
        Volatile.Read(ref _changes).ShouldBe(2);
    }

    [Fact]
    public async Task Unhealthy_LivenessFailedThreshold_NamesContainerAndProbe()
    {
        // Arrange
        var liveness = Exec("alive", period: 10, failureThreshold: 1);
        _prober.SetOutcome(liveness, false, "command exited with code 1");
        var pod = TestPods.Desired(TestPods.Spec(TestPods.Container("app") with { LivenessProbe = liveness }, TestPods.Container("other")));

        // Act
        await _probes.SyncAsync(pod, Running(("app", "c1"), ("other", "c2")));
        await AsyncWait.UntilAsync(() => _probes.Unhealthy().Count == 1, "the liveness failure", _progress);

        // Assert
        _probes.Unhealthy().ShouldBe(new Dictionary<string, string> { ["c1"] = "Container app failed liveness probe" });
        await AsyncWait.UntilAsync(() => Volatile.Read(ref _changes) == 1, "the change callback", _progress);
        _events.WithReason("Unhealthy").ShouldHaveSingleItem().Message.ShouldBe("Liveness probe failed: command exited with code 1");
    }

    [Fact]
    public async Task Unhealthy_LivenessPassing_Empty()
    {
        // Arrange
        var liveness = Exec("alive");
        var pod = TestPods.Desired(TestPods.Spec(TestPods.Container("app") with { LivenessProbe = liveness }));

        // Act
        await _probes.SyncAsync(pod, Running(("app", "c1")));
        await ProbeCallsAsync(liveness, 1);

        // Assert
        _probes.Unhealthy().ShouldBeEmpty();
        _probes.IsReady("c1").ShouldBeTrue();
    }

    [Fact]
    public async Task SyncAsync_StartupProbePending_GatesLivenessAndReadiness()
    {
        // Arrange
        var startup = Exec("startup", period: 1, failureThreshold: 30);
        var liveness = Exec("alive", period: 1);
        var readiness = Exec("ready", period: 1);
        _prober.SetOutcome(startup, false, "not yet");
        var pod = TestPods.Desired(TestPods.Spec(TestPods.Container("app") with
        {
            StartupProbe = startup, LivenessProbe = liveness, ReadinessProbe = readiness,
        }));

        // Act
        await _probes.SyncAsync(pod, Running(("app", "c1")));
        await ProbeCallsAsync(startup, 1);
        await TimersAsync(3);
        _time.Advance(TimeSpan.FromSeconds(1));
        await ProbeCallsAsync(startup, 2);
        await TimersAsync(6);

        // Assert
        _prober.CallsTo(liveness).ShouldBe(0);
        _prober.CallsTo(readiness).ShouldBe(0);
        _probes.IsStarted("c1").ShouldBeFalse();
        _probes.IsReady("c1").ShouldBeFalse();
        _probes.Unhealthy().ShouldBeEmpty();
    }

    [Fact]
    public async Task SyncAsync_StartupProbeSucceeds_LivenessAndReadinessStart()
    {
        // Arrange
        var startup = Exec("startup", period: 1);
        var liveness = Exec("alive", period: 1);
        var readiness = Exec("ready", period: 1);
        _prober.SetOutcome(startup, false);
        var pod = TestPods.Desired(TestPods.Spec(TestPods.Container("app") with
        {
            StartupProbe = startup, LivenessProbe = liveness, ReadinessProbe = readiness,
        }));
        await _probes.SyncAsync(pod, Running(("app", "c1")));
        await ProbeCallsAsync(startup, 1);
        await TimersAsync(3);
        _prober.SetOutcome(startup, true);

        // Act
        _time.Advance(TimeSpan.FromSeconds(1));
        await AsyncWait.UntilAsync(() => _probes.IsStarted("c1"), "the startup probe to pass", _progress);
        await TimersAsync(5);
        _time.Advance(TimeSpan.FromSeconds(1));
        await ProbeCallsAsync(liveness, 1);
        await ProbeCallsAsync(readiness, 1);

        // Assert
        _probes.IsStarted("c1").ShouldBeTrue();
        await AsyncWait.UntilAsync(() => _probes.IsReady("c1"), "readiness to pass after startup", _progress);
    }

    [Fact]
    public async Task Unhealthy_StartupProbeFailedThreshold_ReportsStartupFailure()
    {
        // Arrange
        var startup = Exec("startup", failureThreshold: 1);
        _prober.SetOutcome(startup, false);
        var pod = TestPods.Desired(TestPods.Spec(TestPods.Container("app") with { StartupProbe = startup }));

        // Act
        await _probes.SyncAsync(pod, Running(("app", "c1")));
        await AsyncWait.UntilAsync(() => _probes.Unhealthy().Count == 1, "the startup failure", _progress);

        // Assert
        _probes.Unhealthy()["c1"].ShouldBe("Container app failed startup probe");
    }

    [Fact]
    public async Task SyncAsync_ContainerReplaced_NewWorkerForNewIdAndOldResultsForgotten()
    {
        // Arrange
        var liveness = Exec("alive", failureThreshold: 1);
        _prober.SetOutcome(liveness, false);
        var pod = TestPods.Desired(TestPods.Spec(TestPods.Container("app") with { LivenessProbe = liveness }));
        await _probes.SyncAsync(pod, Running(("app", "c1")));
        await AsyncWait.UntilAsync(() => _probes.Unhealthy().ContainsKey("c1"), "the liveness failure of c1", _progress);
        _prober.SetOutcome(liveness, true);

        // Act
        await _probes.SyncAsync(pod, Running(("app", "c2")));
        await ProbeCallsAsync(liveness, 2);

        // Assert
        _probes.Unhealthy().ShouldBeEmpty();
        _prober.Calls.Select(c => c.Target.ContainerId).ShouldBe(["c1", "c2"]);
    }

    [Fact]
    public async Task SyncAsync_ContainerNotInCurrentSandboxOrNotRunning_NoWorkers()
    {
        // Arrange
        var liveness = Exec("alive");
        var pod = TestPods.Desired(TestPods.Spec(TestPods.Container("app") with { LivenessProbe = liveness }));
        var state = Running(("app", "c1"));
        var exited = state with
        {
            Containers = [state.Containers[0] with { Status = state.Containers[0].Status with { State = ContainerRunState.Exited } }],
        };

        // Act
        await _probes.SyncAsync(pod, exited);

        // Assert
        _time.TimersCreated.ShouldBe(0);
        _prober.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task SyncAsync_ProbeTarget_HasPodIpAndContainerPorts()
    {
        // Arrange
        var readiness = Exec("ready");
        var ports = new List<ContainerPort> { new() { Name = "http", Number = 8080 } };
        var pod = TestPods.Desired(TestPods.Spec(TestPods.Container("app") with { ReadinessProbe = readiness, Ports = ports }));

        // Act
        await _probes.SyncAsync(pod, Running(("app", "c1")));
        await ProbeCallsAsync(readiness, 1);

        // Assert
        var target = _prober.Calls.ShouldHaveSingleItem().Target;
        target.ContainerId.ShouldBe("c1");
        target.PodIp.ShouldBe("10.88.0.2");
        target.Ports.ShouldBe(ports);
    }
}
