using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using EdgeNode.Core.Sources;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class RelisterTests : IAsyncDisposable
{
    private static readonly string ListSandboxes = nameof(IPodSandboxRuntime.ListPodSandboxesAsync);
    private static readonly string RemoveSandbox = nameof(IPodSandboxRuntime.RemovePodSandboxAsync);
    private readonly PodStatusStore _store = new();
    private readonly EngineHarness _engine;
    private readonly PodManager _manager;
    private readonly Relister _relister;

    public RelisterTests()
    {
        _engine = new EngineHarness(_store);
        _manager = new PodManager(_engine.Context, _store, ["file"]);
        _relister = new Relister(_engine.Runtime, _manager, _engine.Time, TimeSpan.FromSeconds(1), NullLogger.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _manager.DisposeAsync();
        await _engine.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private bool Running(string name) => _engine.Runtime.Latest(name)?.State == ContainerRunState.Running;

    [Fact]
    public async Task RelistAsync_RuntimeAnswers_RecordsSuccessTime()
    {
        // Arrange
        _engine.Time.Advance(TimeSpan.FromSeconds(5));

        // Act
        await _relister.RelistAsync(Ct);

        // Assert
        _relister.LastSuccess.ShouldBe(_engine.Time.GetUtcNow());
        _engine.Runtime.CallsTo(ListSandboxes).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task RelistAsync_RuntimeUnavailable_KeepsLastSuccessAndDoesNotThrow()
    {
        // Arrange
        await _relister.RelistAsync(Ct);
        var before = _relister.LastSuccess;
        _engine.Time.Advance(TimeSpan.FromSeconds(5));
        _engine.Runtime.FailNext(ListSandboxes, new RuntimeException(RuntimeErrorKind.Unavailable, "connection refused"));

        // Act
        await _relister.RelistAsync(Ct);

        // Assert
        _relister.LastSuccess.ShouldBe(before);
    }

    [Fact]
    public async Task RelistAsync_ContainerExited_WakesItsPodWorker()
    {
        // Arrange
        var pod = TestPods.Desired(TestPods.Spec(TestPods.Container("app")));
        await _manager.ApplyAsync(new PodSourceSnapshot("file", [pod], []), Ct);
        await _engine.UntilAsync(() => Running("app"), "the pod to run");
        await _relister.RelistAsync(Ct);
        _engine.Runtime.ExitContainer(_engine.Runtime.Latest("app")!.Id, 1);

        // Act
        await _relister.RelistAsync(Ct);
        await _engine.UntilAsync(() => _engine.Runtime.ContainersNamed("app").Count == 2 && Running("app"), "the worker to restart the container");

        // Assert
        _engine.Runtime.Latest("app")!.Spec.Attempt.ShouldBe(1u);
    }

    [Fact]
    public async Task RelistAsync_OrphanSandbox_RemovedButUnmanagedOnesNeverTouched()
    {
        // Arrange
        var orphan = TestPods.Desired(TestPods.Spec(TestPods.Container("old")), name: "old", uid: "orphan-uid");
        _engine.Runtime.AddSandbox(_engine.Sandboxes.Create(orphan, 0));
        var foreign = _engine.Runtime.AddSandbox(new SandboxSpec
        {
            Name = "kubelet-pod", Namespace = "default", Uid = "foreign-uid",
            Labels = new Dictionary<string, string> { [PodLabels.PodUid] = "foreign-uid" },
        });
        await _manager.ApplyAsync(new PodSourceSnapshot("file", [], []), Ct);

        // Act
        await _relister.RelistAsync(Ct);
        await _engine.UntilAsync(() => _engine.Runtime.Sandboxes.Count == 1, "the orphan to be removed");

        // Assert
        _engine.Runtime.Sandboxes.ShouldHaveSingleItem().Id.ShouldBe(foreign);
        _engine.Runtime.CallsTo(RemoveSandbox).ShouldNotContain(c => c.Target == foreign);
    }

    [Fact]
    public async Task RunAsync_Period_RelistsOncePerPeriodOnTheFakeClock()
    {
        // Arrange
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        // Act
        var run = _relister.RunAsync(stop.Token);
        await _engine.UntilAsync(() => _engine.Time.TimersCreated >= 1 && _engine.Runtime.CountCalls(ListSandboxes) == 1, "the first relist");
        var afterFirst = _engine.Runtime.CountCalls(ListSandboxes);
        _engine.Time.Advance(TimeSpan.FromSeconds(1));
        await _engine.UntilAsync(() => _engine.Runtime.CountCalls(ListSandboxes) == 2, "the second relist");
        await stop.CancelAsync();

        // Assert
        afterFirst.ShouldBe(1);
        await Should.ThrowAsync<OperationCanceledException>(() => run);
    }
}
