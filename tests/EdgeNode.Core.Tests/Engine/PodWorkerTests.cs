using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using EdgeNode.Testing;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class PodWorkerTests : IAsyncDisposable
{
    private static readonly string RunSandbox = nameof(IPodSandboxRuntime.RunPodSandboxAsync);
    private static readonly string StopSandbox = nameof(IPodSandboxRuntime.StopPodSandboxAsync);
    private static readonly string RemoveSandbox = nameof(IPodSandboxRuntime.RemovePodSandboxAsync);
    private static readonly string Create = nameof(IContainerRuntime.CreateContainerAsync);
    private static readonly string Start = nameof(IContainerRuntime.StartContainerAsync);
    private static readonly string Stop = nameof(IContainerRuntime.StopContainerAsync);
    private static readonly string Remove = nameof(IContainerRuntime.RemoveContainerAsync);
    private static readonly string Pull = nameof(IImageService.PullImageAsync);

    private readonly EngineHarness _engine = new();

    public async ValueTask DisposeAsync() => await _engine.DisposeAsync();

    private FakeCriRuntime Runtime => _engine.Runtime;

    private PodStatus Status => _engine.Statuses.Latest(TestPods.Uid).ShouldNotBeNull();

    private static DesiredPod Pod(Func<PodSpec, PodSpec>? change = null, params Container[] containers)
    {
        var spec = TestPods.Spec(containers.Length > 0 ? containers : [TestPods.Container("app"), TestPods.Container("sidecar")]);
        return TestPods.Desired(change?.Invoke(spec) ?? spec, manifestPath: "/etc/edgenode/pods/web.yaml");
    }

    private static ContainerStatus StatusOf(PodStatus status, string name) =>
        status.ContainerStatuses!.Concat(status.InitContainerStatuses ?? []).Single(c => c.Name == name);

    [Fact]
    public async Task Constructor_NewPod_CreatesSandboxAndStartsAllContainers()
    {
        // Act
        await _engine.StartWorkerAsync(Pod());

        // Assert
        var sandbox = Runtime.Sandboxes.ShouldHaveSingleItem();
        sandbox.Spec.Attempt.ShouldBe(0u);
        sandbox.Spec.Labels["edgenode.io/managed"].ShouldBe("true");
        sandbox.Spec.Annotations["edgenode.io/manifest-path"].ShouldBe("/etc/edgenode/pods/web.yaml");
        Runtime.CallsTo(Create).Select(c => c.Target).ShouldBe(["app", "sidecar"]);
        Runtime.Containers.ShouldAllBe(c => c.State == ContainerRunState.Running && c.SandboxId == sandbox.Id);
        Runtime.Latest("app")!.Spec.Annotations[PodAnnotations.ContainerRestartCount].ShouldBe("0");
        Status.Phase.ShouldBe(PodPhases.Running);
        Status.PodIP.ShouldBe(sandbox.Ip);
        StatusOf(Status, "app").State.Running.ShouldNotBeNull();
        StatusOf(Status, "app").ContainerID.ShouldBe($"containerd://{Runtime.Latest("app")!.Id}");
        _engine.Events.Events.Select(e => e.Reason).ShouldContain("Created");
        _engine.Events.WithReason("Started").Select(e => e.Message).ShouldBe(["Started container app", "Started container sidecar"]);
        Directory.Exists(sandbox.Spec.LogDirectory).ShouldBeTrue();
    }

    [Fact]
    public async Task Sync_InitContainers_RunOneAtATimeInOrderThenAppContainers()
    {
        // Arrange
        var pod = Pod(s => s with { InitContainers = [TestPods.Container("init-a"), TestPods.Container("init-b")] }, TestPods.Container("app"));

        // Act / Assert: first only init-a
        var worker = await _engine.StartWorkerAsync(pod);
        Runtime.CallsTo(Create).Select(c => c.Target).ShouldBe(["init-a"]);
        Status.Phase.ShouldBe(PodPhases.Pending);
        StatusOf(Status, "app").State.Waiting!.Reason.ShouldBe("PodInitializing");

        // Act / Assert: init-a done → init-b, still no app
        Runtime.ExitContainer(Runtime.Latest("init-a")!.Id, 0);
        await _engine.WakeAsync(worker);
        Runtime.CallsTo(Create).Select(c => c.Target).ShouldBe(["init-a", "init-b"]);

        // Act / Assert: init-b done → app
        Runtime.ExitContainer(Runtime.Latest("init-b")!.Id, 0);
        await _engine.WakeAsync(worker);
        Runtime.CallsTo(Create).Select(c => c.Target).ShouldBe(["init-a", "init-b", "app"]);
        Runtime.Latest("app")!.State.ShouldBe(ContainerRunState.Running);
        Status.Phase.ShouldBe(PodPhases.Running);
        Status.Conditions!.Single(c => c.Type == "Initialized").Status.ShouldBe("True");
    }

    [Fact]
    public async Task Sync_InitFailsUnderNever_PodFailedAndNothingElseStarts()
    {
        // Arrange
        var pod = Pod(s => s with { RestartPolicy = RestartPolicies.Never, InitContainers = [TestPods.Container("init")] }, TestPods.Container("app"));
        var worker = await _engine.StartWorkerAsync(pod);

        // Act
        Runtime.ExitContainer(Runtime.Latest("init")!.Id, 1);
        await _engine.WakeAsync(worker);
        await _engine.WakeAsync(worker);

        // Assert
        Runtime.CallsTo(Create).Select(c => c.Target).ShouldBe(["init"]);
        Runtime.CountCalls(RunSandbox).ShouldBe(1);
        Runtime.Sandboxes.ShouldHaveSingleItem().State.ShouldBe(SandboxState.NotReady);
        Status.Phase.ShouldBe(PodPhases.Failed);
    }

    [Fact]
    public async Task Sync_ContainerExitsUnderAlways_RestartsImmediatelyThenCrashLoopBackOffFor10s()
    {
        // Arrange
        var worker = await _engine.StartWorkerAsync(Pod(null, TestPods.Container("app")));
        _engine.Time.Advance(TimeSpan.FromSeconds(2));

        // Act: first exit → immediate restart
        Runtime.ExitContainer(Runtime.Latest("app")!.Id, 1);
        await _engine.WakeAsync(worker);

        // Assert
        Runtime.CountCalls(Create).ShouldBe(2);
        Runtime.Latest("app")!.State.ShouldBe(ContainerRunState.Running);
        Runtime.Latest("app")!.Spec.Annotations[PodAnnotations.ContainerRestartCount].ShouldBe("1");
        StatusOf(Status, "app").RestartCount.ShouldBe(1);

        // Act: second exit → back-off
        _engine.Time.Advance(TimeSpan.FromSeconds(2));
        Runtime.ExitContainer(Runtime.Latest("app")!.Id, 1);
        await _engine.WakeAsync(worker);

        // Assert
        Runtime.CountCalls(Create).ShouldBe(2);
        var app = StatusOf(Status, "app");
        app.State.Waiting!.Reason.ShouldBe("CrashLoopBackOff");
        app.State.Waiting.Message.ShouldBe($"back-off 10s restarting failed container=app pod=web_default({TestPods.Uid})");
        app.LastState!.Terminated!.ExitCode.ShouldBe(1);
        Status.Phase.ShouldBe(PodPhases.Running);
        _engine.Events.WithReason("BackOff").ShouldHaveSingleItem().Message
            .ShouldBe($"Back-off restarting failed container app in pod web_default({TestPods.Uid})");

        // Act: 9 s later still backing off (no sync is due yet)
        _engine.Time.Advance(TimeSpan.FromSeconds(9));

        // Assert
        Runtime.CountCalls(Create).ShouldBe(2);

        // Act: at 10 s the worker's timer restarts the container
        await _engine.AdvanceAndSettleAsync(TimeSpan.FromSeconds(1));

        // Assert
        Runtime.CountCalls(Create).ShouldBe(3);
        Runtime.Latest("app")!.State.ShouldBe(ContainerRunState.Running);
        Runtime.ContainersNamed("app").Count.ShouldBe(2); // the oldest dead instance was garbage-collected
        StatusOf(Status, "app").State.Running.ShouldNotBeNull();
        StatusOf(Status, "app").RestartCount.ShouldBe(2);
        _engine.RestartBackoff.Current($"{TestPods.Uid}/app").ShouldBe(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Sync_NeverPodContainersExit_NoRestartSandboxStoppedAndSucceeded()
    {
        // Arrange
        var worker = await _engine.StartWorkerAsync(Pod(s => s with { RestartPolicy = RestartPolicies.Never }, TestPods.Container("job")));

        // Act
        Runtime.ExitContainer(Runtime.Latest("job")!.Id, 0);
        await _engine.WakeAsync(worker);
        await _engine.WakeAsync(worker);

        // Assert
        Runtime.ContainersNamed("job").Count.ShouldBe(1);
        Runtime.CountCalls(RunSandbox).ShouldBe(1);
        Runtime.CountCalls(StopSandbox).ShouldBe(1);
        Status.Phase.ShouldBe(PodPhases.Succeeded);
        StatusOf(Status, "job").State.Terminated!.Reason.ShouldBe("Completed");
    }

    [Fact]
    public async Task Sync_OnFailureContainerFails_RestartedUntilItSucceeds()
    {
        // Arrange
        var worker = await _engine.StartWorkerAsync(Pod(s => s with { RestartPolicy = RestartPolicies.OnFailure }, TestPods.Container("job")));

        // Act
        Runtime.ExitContainer(Runtime.Latest("job")!.Id, 3);
        await _engine.WakeAsync(worker);
        Runtime.ExitContainer(Runtime.Latest("job")!.Id, 0);
        await _engine.WakeAsync(worker);

        // Assert
        Runtime.ContainersNamed("job").Count.ShouldBe(2);
        Runtime.CountCalls(StopSandbox).ShouldBe(1);
        Status.Phase.ShouldBe(PodPhases.Succeeded);
    }

    [Fact]
    public async Task Sync_SandboxDied_RecreatedWithNextAttemptAndContainersRestarted()
    {
        // Arrange
        var worker = await _engine.StartWorkerAsync(Pod(null, TestPods.Container("app")));
        var first = Runtime.Sandboxes.Single();

        // Act: the pause process dies; containerd stops the pod's containers
        Runtime.ExitContainer(Runtime.Latest("app")!.Id, 137);
        Runtime.SetSandboxState(first.Id, SandboxState.NotReady);
        await _engine.WakeAsync(worker);

        // Assert
        Runtime.CountCalls(RunSandbox).ShouldBe(2);
        var current = Runtime.Sandboxes.Single(s => s.State == SandboxState.Ready);
        current.Spec.Attempt.ShouldBe(1u);
        var app = Runtime.Latest("app")!;
        app.SandboxId.ShouldBe(current.Id);
        app.State.ShouldBe(ContainerRunState.Running);
        app.Spec.Attempt.ShouldBe(1u);
    }

    [Fact]
    public async Task Update_ImageChanged_KillsOldContainerAndStartsNewImage()
    {
        // Arrange
        var pod = Pod(null, TestPods.Container("app", "nginx:1.27"));
        var worker = await _engine.StartWorkerAsync(pod);
        var old = Runtime.Latest("app")!;

        // Act
        worker.Update(Pod(null, TestPods.Container("app", "nginx:1.28")));
        await _engine.SettleAsync();

        // Assert
        Runtime.CallsTo(Stop).ShouldHaveSingleItem().Target.ShouldBe(old.Id);
        Runtime.Container(old.Id).State.ShouldBe(ContainerRunState.Exited);
        var current = Runtime.Latest("app")!;
        current.Spec.UserSpecifiedImage.ShouldBe("nginx:1.28");
        current.State.ShouldBe(ContainerRunState.Running);
        _engine.Events.WithReason("Killing").ShouldHaveSingleItem().Message.ShouldBe("Container app definition changed, will be restarted");
        worker.Pod.Pod.Spec.Containers[0].Image.ShouldBe("nginx:1.28");
    }

    [Fact]
    public async Task Sync_ImagePullFails_ErrImagePullThenImagePullBackOffThenPullsAgain()
    {
        // Arrange
        Runtime.FailNext(Pull, new RuntimeException(RuntimeErrorKind.Rejected, "failed to resolve reference \"ghost:1\": not found"));
        var worker = await _engine.StartWorkerAsync(Pod(null, TestPods.Container("app", "ghost:1")));

        // Assert: ErrImagePull
        StatusOf(Status, "app").State.Waiting!.Reason.ShouldBe("ErrImagePull");
        StatusOf(Status, "app").State.Waiting!.Message.ShouldBe("failed to resolve reference \"ghost:1\": not found");
        Status.Phase.ShouldBe(PodPhases.Pending);

        // Act: a sync within the back-off does not pull
        await _engine.WakeAsync(worker);

        // Assert
        StatusOf(Status, "app").State.Waiting!.Reason.ShouldBe("ImagePullBackOff");
        Runtime.CountCalls(Pull).ShouldBe(1);

        // Act: when the back-off ends the worker's own timer pulls again
        await _engine.AdvanceAndSettleAsync(TimeSpan.FromSeconds(10));

        // Assert
        Runtime.CountCalls(Pull).ShouldBe(2);
        Runtime.Latest("app")!.State.ShouldBe(ContainerRunState.Running);
        StatusOf(Status, "app").State.Running.ShouldNotBeNull();
    }

    [Fact]
    public async Task Sync_CreateSandboxFails_ContainerCreatingWithErrorAndRetryAfter10s()
    {
        // Arrange
        Runtime.FailNext(RunSandbox, new RuntimeException(RuntimeErrorKind.Rejected, "failed to setup network for sandbox: cni plugin not initialized"));

        // Act
        await _engine.StartWorkerAsync(Pod(null, TestPods.Container("app")));

        // Assert
        Runtime.Sandboxes.ShouldBeEmpty();
        var waiting = StatusOf(Status, "app").State.Waiting!;
        waiting.Reason.ShouldBe("ContainerCreating");
        waiting.Message.ShouldBe("Failed to create pod sandbox: failed to setup network for sandbox: cni plugin not initialized");
        _engine.Events.WithReason("FailedCreatePodSandBox").ShouldHaveSingleItem().Severity.ShouldBe(EventSeverity.Warning);

        // Act
        await _engine.AdvanceAndSettleAsync(TimeSpan.FromSeconds(10));

        // Assert
        Runtime.Sandboxes.ShouldHaveSingleItem();
        Runtime.Latest("app")!.State.ShouldBe(ContainerRunState.Running);
    }

    [Fact]
    public async Task Sync_StartFails_RunContainerErrorWithExplanationThenRestarted()
    {
        // Arrange
        Runtime.FailNext(Start, new RuntimeException(RuntimeErrorKind.Rejected,
            "failed to create containerd task: exec: \"serve\": executable file not found in $PATH"));

        // Act
        _engine.Track(new PodWorker(Pod(null, TestPods.Container("app") with { Command = ["serve"] }), _engine.Context));
        await _engine.UntilAsync(() => Runtime.Latest("app")?.State == ContainerRunState.Running, "the container to be started again");

        // Assert
        var failed = _engine.Events.WithReason("Failed").ShouldHaveSingleItem();
        failed.Message.ShouldStartWith("Error: command \"serve\" was not found in image busybox:1.36: fix spec.containers[0].command or use an image that has it (failed to create containerd task: exec: \"serve\": executable file not found in $PATH)");
        Runtime.ContainersNamed("app")[0].Status.Reason.ShouldBe("StartError");
        Runtime.ContainersNamed("app").Count.ShouldBe(2);
    }

    [Fact]
    public async Task Sync_ActiveDeadlineExceeded_KillsPodAndReportsDeadlineExceeded()
    {
        // Arrange
        await _engine.StartWorkerAsync(Pod(s => s with { ActiveDeadlineSeconds = 30 }, TestPods.Container("app")));

        // Act: the worker wakes itself when the deadline passes
        await _engine.AdvanceAndSettleAsync(TimeSpan.FromSeconds(30));

        // Assert
        Status.Phase.ShouldBe(PodPhases.Failed);
        Status.Reason.ShouldBe("DeadlineExceeded");
        Status.Message.ShouldBe("Pod was active on the node longer than the specified deadline");
        Runtime.Latest("app")!.State.ShouldBe(ContainerRunState.Exited);
        Runtime.Sandboxes.Single().State.ShouldBe(SandboxState.NotReady);
        _engine.Events.WithReason("DeadlineExceeded").ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData(30L, 30)]
    [InlineData(5L, 5)]
    [InlineData(1L, 2)]
    [InlineData(0L, 2)]
    public async Task RequestTermination_RunningPod_StopsWithGracePeriodAtLeast2sAndRemovesEverything(long grace, int expectedSeconds)
    {
        // Arrange
        var worker = await _engine.StartWorkerAsync(Pod(s => s with { TerminationGracePeriodSeconds = grace }));
        var ids = Runtime.Containers.Select(c => c.Id).ToList();
        var sandbox = Runtime.Sandboxes.Single();

        // Act
        worker.RequestTermination();
        await _engine.UntilAsync(() => worker.Completion.IsCompleted, "the worker to finish terminating");
        await worker.Completion;

        // Assert
        var stops = Runtime.CallsTo(Stop);
        stops.Select(s => s.Target).ShouldBe(ids, ignoreOrder: true);
        stops.ShouldAllBe(s => s.Timeout == TimeSpan.FromSeconds(expectedSeconds));
        Runtime.CallsTo(StopSandbox).ShouldContain(c => c.Target == sandbox.Id);
        Runtime.CallsTo(Remove).Select(c => c.Target).ShouldBe(ids, ignoreOrder: true);
        Runtime.CallsTo(RemoveSandbox).ShouldHaveSingleItem().Target.ShouldBe(sandbox.Id);
        Runtime.Sandboxes.ShouldBeEmpty();
        Runtime.Containers.ShouldBeEmpty();
        // The final status is published (the pod manager drops it once it was written upstream).
        _engine.Statuses.Removed.ShouldBeEmpty();
        var final = _engine.Statuses.Latest(TestPods.Uid)!;
        final.Phase.ShouldBe(PodPhases.Failed);
        final.ContainerStatuses!.ShouldAllBe(c => c.State.Terminated != null);
        _engine.Events.WithReason("Killing").Select(e => e.Message).ShouldBe(["Stopping container app", "Stopping container sidecar"], ignoreOrder: true);
        Directory.Exists(sandbox.Spec.LogDirectory).ShouldBeFalse();
        Directory.Exists(_engine.Volumes.PodDirectory(TestPods.Uid)).ShouldBeFalse();
        _engine.Cgroups.Removed.Select(r => r.Uid).ShouldAllBe(uid => uid == TestPods.Uid);
    }

    [Fact]
    public async Task RequestTermination_ContainerWithPreStopHook_RunsHookWithinGracePeriodBeforeStop()
    {
        // Arrange
        var preStop = new LifecycleHandler { Exec = new ExecAction { Command = ["/bin/drain"] } };
        var pod = Pod(s => s with { TerminationGracePeriodSeconds = 20 }, TestPods.Container("app") with { Lifecycle = new Lifecycle { PreStop = preStop } });
        var worker = await _engine.StartWorkerAsync(pod);

        // Act
        worker.RequestTermination();
        await _engine.UntilAsync(() => worker.Completion.IsCompleted, "the worker to finish terminating");

        // Assert
        var hook = _engine.Prober.HookCalls.ShouldHaveSingleItem();
        hook.Handler.ShouldBe(preStop);
        hook.Timeout.ShouldBe(TimeSpan.FromSeconds(20));
        hook.Target.ContainerId.ShouldBe(Runtime.CallsTo(Stop).Single().Target);
    }

    [Fact]
    public async Task DisposeAsync_RunningPod_DoesNotStopOrRemoveAnything()
    {
        // Arrange
        var worker = await _engine.StartWorkerAsync(Pod());
        Runtime.ClearCalls();

        // Act
        await _engine.DisposeWorkerAsync(worker);
        _engine.Time.Advance(TimeSpan.FromMinutes(5));

        // Assert
        Runtime.Calls.ShouldNotContain(c => c.Method == Stop || c.Method == Remove || c.Method == StopSandbox || c.Method == RemoveSandbox);
        Runtime.Containers.Count.ShouldBe(2);
        Runtime.Containers.ShouldAllBe(c => c.State == ContainerRunState.Running);
        Runtime.Sandboxes.ShouldHaveSingleItem().State.ShouldBe(SandboxState.Ready);
        _engine.Statuses.Removed.ShouldBeEmpty();
        worker.Completion.IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public async Task Constructor_SandboxAndContainersAlreadyRunning_AdoptsThemWithoutCreatingOrStarting()
    {
        // Arrange: what an earlier agent run left behind
        var pod = Pod();
        var sandboxId = Runtime.AddSandbox(_engine.Sandboxes.Create(pod, 0));
        var image = new ImageInfo { Id = "sha256:busybox" };
        foreach (var container in pod.Pod.Spec.Containers)
        {
            var context = new ContainerStartContext(0, image, new Dictionary<string, string>(), "", "", "10.88.0.2");
            Runtime.AddContainer(sandboxId, _engine.Containers.Create(pod, container, context));
        }

        // Act
        await _engine.StartWorkerAsync(pod);

        // Assert
        Runtime.CountCalls(RunSandbox).ShouldBe(0);
        Runtime.CountCalls(Create).ShouldBe(0);
        Runtime.CountCalls(Start).ShouldBe(0);
        Runtime.CountCalls(Stop).ShouldBe(0);
        Status.Phase.ShouldBe(PodPhases.Running);
        Status.ContainerStatuses!.ShouldAllBe(c => c.State.Running != null && c.Ready);
    }

    [Fact]
    public async Task Constructor_AfterEarlierWorkerDisposed_NewWorkerAdoptsRunningPod()
    {
        // Arrange: agent restart = dispose the worker, start a new one on a fresh reader
        var pod = Pod();
        var first = await _engine.StartWorkerAsync(pod);
        var containers = Runtime.Containers.Select(c => c.Id).ToList();
        await _engine.DisposeWorkerAsync(first);
        Runtime.ClearCalls();
        var restarted = _engine.Context with { Reader = new PodRuntimeStateReader(Runtime) };

        // Act
        var second = _engine.Track(new PodWorker(pod, restarted));
        await _engine.SettleAsync();

        // Assert
        Runtime.CountCalls(RunSandbox).ShouldBe(0);
        Runtime.CountCalls(Create).ShouldBe(0);
        Runtime.CountCalls(Start).ShouldBe(0);
        Runtime.CountCalls(Stop).ShouldBe(0);
        Runtime.Containers.Select(c => c.Id).ShouldBe(containers);
        second.Status!.Phase.ShouldBe(PodPhases.Running);
    }

    [Fact]
    public async Task Sync_LivenessProbeFails_KillsAndRestartsContainer()
    {
        // Arrange
        var liveness = new Probe { Exec = new ExecAction { Command = ["check"] }, PeriodSeconds = 10, FailureThreshold = 1, SuccessThreshold = 1 };
        _engine.Prober.SetOutcome(liveness, false, "unhealthy");
        var pod = Pod(null, TestPods.Container("app") with { LivenessProbe = liveness });

        // Act
        _engine.Track(new PodWorker(pod, _engine.Context));
        await _engine.UntilAsync(() => Runtime.ContainersNamed("app").Count >= 2, "the container to be restarted after the liveness failure");

        // Assert
        var first = Runtime.ContainersNamed("app")[0];
        first.State.ShouldBe(ContainerRunState.Exited);
        Runtime.CallsTo(Stop).ShouldContain(c => c.Target == first.Id && c.Timeout == TimeSpan.FromSeconds(30));
        _engine.Events.WithReason("Killing").ShouldContain(e => e.Message == "Container app failed liveness probe, will be restarted");
        _engine.Events.WithReason("Unhealthy").ShouldContain(e => e.Message == "Liveness probe failed: unhealthy");
    }
}
