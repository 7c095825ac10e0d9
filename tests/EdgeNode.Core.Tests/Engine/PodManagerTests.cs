using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using EdgeNode.Core.Sources;
using EdgeNode.Testing;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class PodManagerTests : IAsyncDisposable
{
    private const string File = "file";
    private const string Api = "api";
    private const string OrphanUid = "99999999-0000-4000-8000-000000000001";
    private const string ManifestFolder = "/etc/edgenode/manifests";
    private static readonly string RunSandbox = nameof(IPodSandboxRuntime.RunPodSandboxAsync);
    private static readonly string StopSandbox = nameof(IPodSandboxRuntime.StopPodSandboxAsync);
    private static readonly string RemoveSandbox = nameof(IPodSandboxRuntime.RemovePodSandboxAsync);
    private static readonly string Stop = nameof(IContainerRuntime.StopContainerAsync);
    private static readonly string Remove = nameof(IContainerRuntime.RemoveContainerAsync);

    private readonly PodStatusStore _store = new();
    private readonly EngineHarness _engine;
    private PodManager? _manager;

    public PodManagerTests()
    {
        _engine = new EngineHarness(_store);
    }

    public async ValueTask DisposeAsync()
    {
        if (_manager is not null)
        {
            await _manager.DisposeAsync();
        }
        await _engine.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FakeCriRuntime Runtime => _engine.Runtime;

    private PodManager Manager(params string[] sources) => _manager = new PodManager(_engine.Context, _store, sources);

    private static DesiredPod WebPod(string image = "nginx:1.27") =>
        TestPods.Desired(TestPods.Spec(TestPods.Container("app", image)), manifestPath: $"{ManifestFolder}/web.yaml");

    private static PodSourceSnapshot Snapshot(string source, IReadOnlyList<DesiredPod> pods, params ManifestProblem[] problems) =>
        new(source, pods, problems);

    private Task UntilAsync(Func<bool> condition, string description) => _engine.UntilAsync(condition, description);

    private bool Running(string uid) =>
        Runtime.Sandboxes.Any(s => s.Info.Uid == uid && s.State == SandboxState.Ready) &&
        Runtime.Containers.Any(c => c.Status.Labels[PodLabels.PodUid] == uid && c.State == ContainerRunState.Running);

    /// <summary>A pod an earlier agent run created that no source wants any more.</summary>
    private string SeedOrphan(string? manifestPath)
    {
        var pod = TestPods.Desired(TestPods.Spec(TestPods.Container("old")), name: "old", uid: OrphanUid, manifestPath: manifestPath);
        var sandboxId = Runtime.AddSandbox(_engine.Sandboxes.Create(pod, 0));
        var context = new ContainerStartContext(0, new ImageInfo { Id = "sha256:old" }, new Dictionary<string, string>(), "", "", "");
        Runtime.AddContainer(sandboxId, _engine.Containers.Create(pod, pod.Pod.Spec.Containers[0], context));
        return sandboxId;
    }

    private async Task<IReadOnlyList<SandboxInfo>> ManagedSandboxesAsync() =>
        await Runtime.ListPodSandboxesAsync(new Dictionary<string, string> { [PodLabels.ManagedBy] = "true" }, Ct);

    [Fact]
    public async Task ApplyAsync_NewPod_StartsItsWorker()
    {
        // Arrange
        var manager = Manager(File);

        // Act
        await manager.ApplyAsync(Snapshot(File, [WebPod()]), Ct);
        await UntilAsync(() => Running(TestPods.Uid) && _store.Snapshot().Any(r => r.Status?.Phase == PodPhases.Running), "the pod to run");

        // Assert
        var report = _store.Snapshot().ShouldHaveSingleItem();
        report.Name.ShouldBe("web");
        report.ManifestPath.ShouldBe($"{ManifestFolder}/web.yaml");
        Runtime.CountCalls(RunSandbox).ShouldBe(1);
        manager.SourcesReady.ShouldBeTrue();
    }

    [Fact]
    public async Task ApplyAsync_PodChanged_WorkerRunsNewSpec()
    {
        // Arrange
        var manager = Manager(File);
        await manager.ApplyAsync(Snapshot(File, [WebPod("nginx:1.27")]), Ct);
        await UntilAsync(() => Running(TestPods.Uid), "the first version to run");

        // Act
        await manager.ApplyAsync(Snapshot(File, [WebPod("nginx:1.28")]), Ct);
        await UntilAsync(() => Runtime.Latest("app")?.Spec.UserSpecifiedImage == "nginx:1.28" && Runtime.Latest("app")!.State == ContainerRunState.Running,
            "the new image to run");

        // Assert
        Runtime.CountCalls(RunSandbox).ShouldBe(1);
        Runtime.ContainersNamed("app")[0].State.ShouldBe(ContainerRunState.Exited);
    }

    [Fact]
    public async Task ApplyAsync_PodGoneFromSnapshot_StopsAndRemovesIt()
    {
        // Arrange
        var manager = Manager(File);
        await manager.ApplyAsync(Snapshot(File, [WebPod()]), Ct);
        await UntilAsync(() => Running(TestPods.Uid), "the pod to run");

        // Act
        await manager.ApplyAsync(Snapshot(File, []), Ct);
        await UntilAsync(() => Runtime.Sandboxes.Count == 0 && _store.Snapshot().Count == 0, "the pod to be removed");

        // Assert
        Runtime.CountCalls(Stop).ShouldBe(1);
        Runtime.CountCalls(RemoveSandbox).ShouldBe(1);
        Runtime.Containers.ShouldBeEmpty();
    }

    [Fact]
    public async Task ApplyAsync_PodReturnsRightAfterRemoval_RunsAgainAfterTermination()
    {
        // Arrange
        var manager = Manager(File);
        await manager.ApplyAsync(Snapshot(File, [WebPod()]), Ct);
        await UntilAsync(() => Running(TestPods.Uid), "the pod to run");

        // Act
        await manager.ApplyAsync(Snapshot(File, []), Ct);
        await manager.ApplyAsync(Snapshot(File, [WebPod()]), Ct);
        await UntilAsync(() => Runtime.CountCalls(RunSandbox) == 2 && Running(TestPods.Uid), "the returning pod to run again");

        // Assert
        Runtime.CountCalls(RemoveSandbox).ShouldBe(1);
        Runtime.Sandboxes.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task ApplyAsync_SnapshotFromUnconfiguredSource_Ignored()
    {
        // Arrange
        var manager = Manager(File);

        // Act
        await manager.ApplyAsync(Snapshot(Api, [WebPod()]), Ct);

        // Assert
        manager.SourcesReady.ShouldBeFalse();
        Runtime.CountCalls(RunSandbox).ShouldBe(0);
        _engine.Time.TimersCreated.ShouldBe(0);
    }

    [Fact]
    public async Task ApplyAsync_TwoSourcesWithSamePod_OneWorker()
    {
        // Arrange
        var manager = Manager(File, Api);

        // Act
        await manager.ApplyAsync(Snapshot(File, [WebPod()]), Ct);
        await manager.ApplyAsync(Snapshot(Api, [WebPod()]), Ct);
        await UntilAsync(() => Running(TestPods.Uid), "the pod to run");

        // Assert
        manager.SourcesReady.ShouldBeTrue();
        Runtime.CountCalls(RunSandbox).ShouldBe(1);
    }

    [Fact]
    public async Task ApplyAsync_Problems_PublishedToStore()
    {
        // Arrange
        var manager = Manager(File);
        var problem = new ManifestProblem($"{ManifestFolder}/broken.yaml", null, null, "broken.yaml: line 3: mapping values are not allowed here");

        // Act
        await manager.ApplyAsync(Snapshot(File, [], problem), Ct);

        // Assert
        _store.Snapshot().ShouldHaveSingleItem().Problem.ShouldBe(problem.Message);
    }

    [Fact]
    public async Task OnRelistAsync_OrphanAfterAllSourcesReported_StopsAndRemovesIt()
    {
        // Arrange
        var sandboxId = SeedOrphan($"{ManifestFolder}/old.yaml");
        var manager = Manager(File);
        await manager.ApplyAsync(Snapshot(File, []), Ct);

        // Act
        await manager.OnRelistAsync([], await ManagedSandboxesAsync(), Ct);
        await UntilAsync(() => Runtime.Sandboxes.Count == 0, "the orphan to be removed");

        // Assert
        Runtime.CallsTo(Stop).ShouldHaveSingleItem().Timeout.ShouldBe(TimeSpan.FromSeconds(30));
        Runtime.CallsTo(StopSandbox).ShouldContain(c => c.Target == sandboxId);
        Runtime.CallsTo(RemoveSandbox).ShouldHaveSingleItem().Target.ShouldBe(sandboxId);
        Runtime.CountCalls(Remove).ShouldBe(1);
        Runtime.Containers.ShouldBeEmpty();
    }

    [Fact]
    public async Task OnRelistAsync_NotAllSourcesReported_KeepsOrphan()
    {
        // Arrange
        SeedOrphan(null);
        var manager = Manager(File, Api);
        await manager.ApplyAsync(Snapshot(File, []), Ct);

        // Act
        await manager.OnRelistAsync([], await ManagedSandboxesAsync(), Ct);

        // Assert
        manager.SourcesReady.ShouldBeFalse();
        Runtime.CountCalls(Stop).ShouldBe(0);
        Runtime.CountCalls(RemoveSandbox).ShouldBe(0);
        Runtime.Sandboxes.ShouldHaveSingleItem().State.ShouldBe(SandboxState.Ready);
    }

    [Fact]
    public async Task OnRelistAsync_NoSourceConfigured_NeverRemovesPods()
    {
        // Arrange
        SeedOrphan(null);
        var manager = Manager();

        // Act
        await manager.OnRelistAsync([], await ManagedSandboxesAsync(), Ct);

        // Assert
        Runtime.CountCalls(Stop).ShouldBe(0);
        Runtime.CountCalls(RemoveSandbox).ShouldBe(0);
        Runtime.Containers.ShouldHaveSingleItem().State.ShouldBe(ContainerRunState.Running);
    }

    [Fact]
    public async Task OnRelistAsync_OrphanWhoseManifestHasProblem_KeepsRunning()
    {
        // Arrange
        SeedOrphan($"{ManifestFolder}/old.yaml");
        var manager = Manager(File);
        var problem = new ManifestProblem($"{ManifestFolder}/old.yaml", "old", "default", "old.yaml: spec.containers[0].image: Required value");
        await manager.ApplyAsync(Snapshot(File, [], problem), Ct);

        // Act
        await manager.OnRelistAsync([], await ManagedSandboxesAsync(), Ct);

        // Assert
        Runtime.CountCalls(Stop).ShouldBe(0);
        Runtime.CountCalls(RemoveSandbox).ShouldBe(0);
        Runtime.Containers.ShouldHaveSingleItem().State.ShouldBe(ContainerRunState.Running);
    }

    [Theory]
    [InlineData(ManifestFolder + "/edge")]
    [InlineData(ManifestFolder + "/edge/")]
    public async Task OnRelistAsync_OrphanUnderProblemFolder_KeepsRunning(string problemFolder)
    {
        // Arrange
        SeedOrphan($"{ManifestFolder}/edge/old.yaml");
        var manager = Manager(File);
        await manager.ApplyAsync(Snapshot(File, [], new ManifestProblem(problemFolder, null, null, "edge: permission denied")), Ct);

        // Act
        await manager.OnRelistAsync([], await ManagedSandboxesAsync(), Ct);

        // Assert
        Runtime.CountCalls(Stop).ShouldBe(0);
        Runtime.CountCalls(RemoveSandbox).ShouldBe(0);
    }

    [Fact]
    public async Task OnRelistAsync_ProblemFolderOnlySharesNamePrefix_RemovesOrphan()
    {
        // Arrange
        SeedOrphan($"{ManifestFolder}/edgeware.yaml");
        var manager = Manager(File);
        await manager.ApplyAsync(Snapshot(File, [], new ManifestProblem($"{ManifestFolder}/edge", null, null, "edge: permission denied")), Ct);

        // Act
        await manager.OnRelistAsync([], await ManagedSandboxesAsync(), Ct);
        await UntilAsync(() => Runtime.Sandboxes.Count == 0, "the orphan to be removed");

        // Assert
        Runtime.CountCalls(RemoveSandbox).ShouldBe(1);
    }

    [Fact]
    public async Task OnRelistAsync_ProblemFixedAndManifestDeleted_RemovesOrphanOnNextRelist()
    {
        // Arrange
        SeedOrphan($"{ManifestFolder}/old.yaml");
        var manager = Manager(File);
        await manager.ApplyAsync(Snapshot(File, [], new ManifestProblem($"{ManifestFolder}/old.yaml", null, null, "bad")), Ct);
        await manager.OnRelistAsync([], await ManagedSandboxesAsync(), Ct);
        Runtime.CountCalls(RemoveSandbox).ShouldBe(0);

        // Act
        await manager.ApplyAsync(Snapshot(File, []), Ct);
        await manager.OnRelistAsync([], await ManagedSandboxesAsync(), Ct);
        await UntilAsync(() => Runtime.Sandboxes.Count == 0, "the orphan to be removed");

        // Assert
        Runtime.CountCalls(RemoveSandbox).ShouldBe(1);
    }

    [Fact]
    public async Task OnRelistAsync_WantedPod_NotTreatedAsOrphan()
    {
        // Arrange
        var manager = Manager(File);
        await manager.ApplyAsync(Snapshot(File, [WebPod()]), Ct);
        await UntilAsync(() => Running(TestPods.Uid), "the pod to run");

        // Act
        await manager.OnRelistAsync([], await ManagedSandboxesAsync(), Ct);

        // Assert
        Runtime.CountCalls(Stop).ShouldBe(0);
        Runtime.CountCalls(RemoveSandbox).ShouldBe(0);
    }

    [Fact]
    public async Task OnRelistAsync_ChangedPod_WakesItsWorker()
    {
        // Arrange
        var manager = Manager(File);
        await manager.ApplyAsync(Snapshot(File, [WebPod()]), Ct);
        await UntilAsync(() => Running(TestPods.Uid), "the pod to run");
        Runtime.ExitContainer(Runtime.Latest("app")!.Id, 1);

        // Act
        await manager.OnRelistAsync([TestPods.Uid], await ManagedSandboxesAsync(), Ct);
        await UntilAsync(() => Runtime.ContainersNamed("app").Count == 2 && Running(TestPods.Uid), "the exited container to be restarted");

        // Assert
        Runtime.Latest("app")!.Spec.Annotations[PodAnnotations.ContainerRestartCount].ShouldBe("1");
    }

    [Fact]
    public async Task DisposeAsync_RunningPods_LeavesThemRunning()
    {
        // Arrange
        var manager = Manager(File);
        await manager.ApplyAsync(Snapshot(File, [WebPod()]), Ct);
        await UntilAsync(() => Running(TestPods.Uid), "the pod to run");
        Runtime.ClearCalls();

        // Act
        await manager.DisposeAsync();
        _manager = null;

        // Assert
        Runtime.CountCalls(Stop).ShouldBe(0);
        Runtime.CountCalls(StopSandbox).ShouldBe(0);
        Runtime.CountCalls(RemoveSandbox).ShouldBe(0);
        Running(TestPods.Uid).ShouldBeTrue();
    }
}
