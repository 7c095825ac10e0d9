using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeNode.Core.Tests.Engine;

/// <summary>
/// A pod engine wired to fakes: <see cref="FakeCriRuntime"/>, a fake clock, recorded events/statuses,
/// and a temporary root/log directory that is deleted on dispose.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly List<PodWorker> _workers = [];
    private int _seenTimers;

    public EngineHarness(IPodStatusSink? sink = null, Func<PodEngineOptions, PodEngineOptions>? configure = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("edgenode-engine-").FullName;
        Time = new TrackingTimeProvider(Progress);
        Runtime = new FakeCriRuntime(Time, Progress);
        Events = new RecordingEventRecorder(Progress);
        Prober = new FakeProber(Progress);
        var options = new PodEngineOptions
        {
            NodeName = "node-1",
            NodeIp = "192.168.1.10",
            RootDirectory = Path.Combine(Directory, "root"),
            PodLogsDirectory = Path.Combine(Directory, "logs"),
            ResolvConf = Path.Combine(Directory, "resolv.conf"),
            NodeMemoryCapacityBytes = 4L * 1024 * 1024 * 1024,
            NodeCpuCount = 4,
        };
        Options = configure?.Invoke(options) ?? options;
        Sink = sink ?? new RecordingStatusSink(Progress);
        Volumes = new PodVolumes(Options.RootDirectory, HostFileSystem);
        Sandboxes = new SandboxSpecFactory(Options, Cgroups);
        Containers = new ContainerSpecFactory(Options);
        RestartBackoff = new Backoff(Options.ContainerBackoffInitial, Options.ContainerBackoffMax, Options.BackoffReset, Time);
        PullBackoff = new Backoff(Options.ContainerBackoffInitial, Options.ContainerBackoffMax, Options.BackoffReset, Time);
        Killer = new PodKiller(Runtime, Prober, Volumes, Cgroups, Sandboxes, Events, Time);
        Context = new PodWorkerContext(
            Options, Runtime, new PodRuntimeStateReader(Runtime), Sandboxes, Containers,
            new ImageManager(Runtime, PullBackoff, Events), Volumes, Killer, Prober, RestartBackoff,
            Events, Sink, Time, NullLogger.Instance, "containerd");
    }

    public string Directory { get; }
    public ProgressSignal Progress { get; } = new();
    public TrackingTimeProvider Time { get; }
    public FakeCriRuntime Runtime { get; }
    public RecordingEventRecorder Events { get; }
    public FakeProber Prober { get; }
    public FakeHostFileSystem HostFileSystem { get; } = new();
    public FakePodCgroups Cgroups { get; } = new();
    public IPodStatusSink Sink { get; }
    public RecordingStatusSink Statuses => (RecordingStatusSink)Sink;
    public PodEngineOptions Options { get; }
    public PodVolumes Volumes { get; }
    public SandboxSpecFactory Sandboxes { get; }
    public ContainerSpecFactory Containers { get; }
    public Backoff RestartBackoff { get; }
    public Backoff PullBackoff { get; }
    public PodKiller Killer { get; }
    public PodWorkerContext Context { get; }

    /// <summary>Starts a worker and waits for its first sync.</summary>
    public async Task<PodWorker> StartWorkerAsync(DesiredPod pod)
    {
        var worker = new PodWorker(pod, Context);
        _workers.Add(worker);
        await SettleAsync();
        return worker;
    }

    /// <summary>Wakes the worker (as the relister does after a runtime change) and waits for that sync.</summary>
    public async Task WakeAsync(PodWorker worker)
    {
        worker.Wake();
        await SettleAsync();
    }

    /// <summary>Advances the fake clock past a worker's requeue timer and waits for the sync it triggers.</summary>
    public async Task AdvanceAndSettleAsync(TimeSpan delta)
    {
        var fired = Time.TimersFired;
        Time.Advance(delta);
        if (Time.TimersFired == fired)
        {
            throw new InvalidOperationException($"Advancing the clock by {delta} woke no timer: no worker sync was due by then");
        }
        await SettleAsync();
    }

    /// <summary>Waits for a condition while the engine works; fails early if a worker loop died.</summary>
    public Task UntilAsync(Func<bool> condition, string description) =>
        AsyncWait.UntilAsync(() => ThrowIfWorkerFaulted() || condition(), description, Progress);

    /// <summary>
    /// Waits until a worker iteration has finished: every iteration ends by arming its requeue timer.
    /// </summary>
    public async Task SettleAsync()
    {
        var seen = _seenTimers;
        await UntilAsync(() => Time.TimersCreated > seen, "a pod worker sync to finish (it arms its requeue timer)");
        _seenTimers = Time.TimersCreated;
    }

    /// <summary>Tracks a worker the test created itself (disposed with the harness, checked for crashes).</summary>
    public PodWorker Track(PodWorker worker)
    {
        _workers.Add(worker);
        return worker;
    }

    private bool ThrowIfWorkerFaulted()
    {
        foreach (var worker in _workers.ToList())
        {
            if (worker.Completion.IsFaulted)
            {
                throw new InvalidOperationException($"The worker of {worker.Pod.FullName} crashed", worker.Completion.Exception);
            }
        }
        return false;
    }

    /// <summary>Disposes a worker the test started (the harness will not dispose it again).</summary>
    public async Task DisposeWorkerAsync(PodWorker worker)
    {
        _workers.Remove(worker);
        await worker.DisposeAsync();
    }

    /// <summary>Forgets timers armed so far (after work that arms timers outside a worker loop).</summary>
    public void MarkTimersSeen() => _seenTimers = Time.TimersCreated;

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
