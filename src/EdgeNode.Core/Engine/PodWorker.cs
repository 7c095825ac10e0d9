using System.Threading.Channels;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Probes;
using EdgeNode.Core.Runtime;
using Microsoft.Extensions.Logging;

namespace EdgeNode.Core.Engine;

/// <summary>
/// Owns one pod: brings the runtime in line with the pod's spec (sandbox, init containers in order,
/// app containers per restart policy with back-off, probes) and computes its status. Wakes on spec
/// changes, runtime changes, probe results and its own timer. Disposing it only stops the worker —
/// containers keep running (an agent restart must never restart pods); <see cref="RequestTermination"/>
/// stops and removes the pod.
/// </summary>
public sealed partial class PodWorker : IAsyncDisposable
{
    private readonly PodWorkerContext _context;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, ContainerWaiting> _waiting = new(StringComparer.Ordinal);
    private readonly PodProbes _probes;
    private readonly Task _loop;
    private DesiredPod _pod;
    private volatile bool _terminationRequested;
    private TimeSpan? _terminationGrace;
    private ContainerWaiting? _terminalReason;
    private ITimer? _timer;
    private string? _lastLoggedProblem;
    private int _disposed;

    public PodWorker(DesiredPod pod, PodWorkerContext context)
    {
        _pod = pod;
        _context = context;
        _probes = new PodProbes(context.Prober, context.Time, context.Events, Wake);
        Wake();
        _loop = RunAsync(_stop.Token);
    }

    public string Uid => _pod.Uid;
    public DesiredPod Pod => _pod;
    public PodStatus? Status { get; private set; }

    /// <summary>Completes when the worker has stopped (after termination, or when disposed).</summary>
    public Task Completion => _loop;

    public void Update(DesiredPod pod)
    {
        _pod = pod;
        Wake();
    }

    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>
    /// Stops the pod's containers within their grace period (or <paramref name="grace"/>, a deletion's own),
    /// publishes the final status and removes the pod from the node.
    /// </summary>
    public void RequestTermination(TimeSpan? grace = null)
    {
        _terminationGrace = grace;
        _terminationRequested = true;
        Wake();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _timer?.Dispose();
        await _probes.DisposeAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (true)
        {
            await _wake.Reader.ReadAsync(cancellationToken);
            _timer?.Dispose();
            if (_terminationRequested)
            {
                await TerminateAsync(cancellationToken);
                return;
            }
            TimeSpan next;
            try
            {
                next = await SyncAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RuntimeException or IOException or UnauthorizedAccessException or VolumeException)
            {
                LogSyncFailed(_context.Logger, _pod.FullName, Origin(_pod), e.Message);
                next = _context.Options.ErrorRequeue;
            }
            _timer = _context.Time.CreateTimer(_ => Wake(), null, next < TimeSpan.Zero ? TimeSpan.Zero : next, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task<TimeSpan> SyncAsync(CancellationToken cancellationToken)
    {
        var pod = _pod;
        var spec = pod.Pod.Spec;
        var now = _context.Time.GetUtcNow();
        var state = await _context.Reader.ReadAsync(pod.Uid, cancellationToken);
        await _probes.SyncAsync(pod, state);

        var deadline = ActiveDeadline(pod, state);
        if (_terminalReason is null && deadline is { } d && now >= d)
        {
            _terminalReason = new ContainerWaiting("DeadlineExceeded", "Pod was active on the node longer than the specified deadline");
            _context.Events.Record(pod, EventSeverity.Normal, "DeadlineExceeded", _terminalReason.Message);
        }

        var plan = _terminalReason is null
            ? PodSyncPlanner.Plan(spec, state, _probes.Unhealthy())
            : new PodSyncPlan { KillPod = state.HasReadySandbox || state.Containers.Any(c => c.State == ContainerRunState.Running) };
        DateTimeOffset? retryAt = deadline is { } dl && _terminalReason is null ? dl : null;
        var changed = false;

        if (plan.KillPod)
        {
            await _context.Killer.KillPodAsync(pod, state, null, cancellationToken);
            changed = true;
        }
        if (plan.CreateSandbox)
        {
            if (!await CreateSandboxAsync(pod, plan.SandboxAttempt, cancellationToken))
            {
                return Publish(pod, state, _context.Options.ErrorRequeue);
            }
            changed = true;
        }
        if (changed || plan.ContainersToKill.Count > 0)
        {
            foreach (var kill in plan.ContainersToKill)
            {
                await _context.Killer.KillContainerAsync(pod, kill.Instance, kill.Spec, state.SandboxIp, kill.Message, null, cancellationToken);
            }
            state = await _context.Reader.ReadAsync(pod.Uid, cancellationToken);
        }

        var toStart = plan.NextInitContainer is { } init ? [init, .. plan.ContainersToStart] : plan.ContainersToStart;
        if (toStart.Count > 0 && state.CurrentSandbox is { State: SandboxState.Ready } sandbox)
        {
            var sandboxSpec = _context.Sandboxes.Create(pod, sandbox.Attempt);
            foreach (var container in toStart)
            {
                retryAt = Earliest(retryAt, await StartContainerAsync(pod, container, state, sandboxSpec, cancellationToken));
            }
            state = await _context.Reader.ReadAsync(pod.Uid, cancellationToken);
            await _probes.SyncAsync(pod, state);
        }

        await CollectGarbageAsync(state, cancellationToken);
        var requeue = retryAt is { } at ? at - _context.Time.GetUtcNow() : _context.Options.SyncFrequency;
        return Publish(pod, state, requeue < _context.Options.SyncFrequency ? requeue : _context.Options.SyncFrequency);
    }

    private TimeSpan Publish(DesiredPod pod, PodRuntimeState state, TimeSpan requeue)
    {
        var status = PodStatusGenerator.Generate(new PodStatusInput
        {
            Spec = pod.Pod.Spec,
            State = state,
            Now = _context.Time.GetUtcNow(),
            RuntimeName = _context.RuntimeName,
            Waiting = new Dictionary<string, ContainerWaiting>(_waiting),
            IsReady = _probes.IsReady,
            IsStarted = _probes.IsStarted,
            Previous = Status,
            HostIp = _context.Options.NodeIp,
            TerminalReason = _terminalReason,
        });
        Status = status;
        _context.Statuses.Publish(pod, status);
        return requeue;
    }

    /// <summary>The status after termination: every container terminated, the phase terminal.</summary>
    private void PublishFinal(DesiredPod pod, PodRuntimeState state)
    {
        var status = PodStatusGenerator.Generate(new PodStatusInput
        {
            Spec = pod.Pod.Spec,
            State = state,
            Now = _context.Time.GetUtcNow(),
            RuntimeName = _context.RuntimeName,
            Previous = Status,
            HostIp = _context.Options.NodeIp,
            TerminalReason = _terminalReason,
            PodIsTerminal = true,
        });
        Status = status;
        _context.Statuses.Publish(pod, status);
    }

    private async Task<bool> CreateSandboxAsync(DesiredPod pod, uint attempt, CancellationToken cancellationToken)
    {
        try
        {
            await _context.Volumes.MaterializeAsync(pod, cancellationToken);
            _context.Volumes.Prepare(pod);
            var spec = _context.Sandboxes.Create(pod, attempt);
            Directory.CreateDirectory(spec.LogDirectory);
            await _context.Runtime.RunPodSandboxAsync(spec, cancellationToken);
            ClearWaitingReason("FailedCreatePodSandBox");
            return true;
        }
        catch (Exception e) when (e is RuntimeException or VolumeException or IOException or UnauthorizedAccessException)
        {
            var message = e is VolumeException ? e.Message : $"Failed to create pod sandbox: {e.Message}";
            _context.Events.Record(pod, EventSeverity.Warning, e is VolumeException ? "FailedMount" : "FailedCreatePodSandBox", message);
            foreach (var container in pod.Pod.Spec.Containers.Concat(pod.Pod.Spec.InitContainers ?? []))
            {
                _waiting[container.Name!] = new ContainerWaiting("ContainerCreating", message);
            }
            ReportProblem(pod, message);
            return false;
        }
    }

    /// <summary>Starts one container (respecting back-off); returns when to try again if it could not.</summary>
    private async Task<DateTimeOffset?> StartContainerAsync(DesiredPod pod, Container container, PodRuntimeState state, SandboxSpec sandbox, CancellationToken cancellationToken)
    {
        var name = container.Name!;
        var key = $"{pod.Uid}/{name}";
        var latest = state.Latest(name);
        var existing = state.LatestInCurrentSandbox(name);
        if (existing is { State: ContainerRunState.Created })
        {
            return await RunAsync(pod, container, existing.Id, cancellationToken);
        }
        if (latest is { State: ContainerRunState.Exited, Status.FinishedAt: { } finished })
        {
            if (_context.RestartBackoff.IsInBackoffSince(key, finished))
            {
                var delay = _context.RestartBackoff.Current(key);
                _waiting[name] = new ContainerWaiting("CrashLoopBackOff",
                    $"back-off {Durations.Format(delay)} restarting failed container={name} pod={pod.Name}_{pod.Namespace}({pod.Uid})");
                _context.Events.Record(pod, EventSeverity.Warning, "BackOff", $"Back-off restarting failed container {name} in pod {pod.Name}_{pod.Namespace}({pod.Uid})");
                return _context.RestartBackoff.ReadyAt(key, finished);
            }
            _context.RestartBackoff.Next(key);
        }

        var image = await _context.Images.EnsureAsync(pod, container, sandbox, cancellationToken);
        if (image.Waiting is not null)
        {
            _waiting[name] = image.Waiting;
            if (image.Waiting.Reason != "ImagePullBackOff")
            {
                ReportProblem(pod, $"container \"{name}\" ({ContainerField(pod, name)}.image): {image.Waiting.Reason}: {image.Waiting.Message}: " +
                    "fix the image name, or import the image into containerd (ctr -n k8s.io images import FILE) since this node may reach no registry");
            }
            return image.RetryAt ?? _context.Time.GetUtcNow() + _context.Options.ErrorRequeue;
        }

        var restartCount = latest is null ? NextRestartFromLogs(Path.Combine(sandbox.LogDirectory, name)) : latest.RestartCount + 1;
        string containerId;
        try
        {
            var hostNetwork = pod.Pod.Spec.HostNetwork == true;
            var context = new ContainerStartContext(
                restartCount,
                image.Image!,
                _context.Volumes.Prepare(pod),
                hostNetwork ? "" : _context.Volumes.WriteEtcHosts(pod, state.SandboxIp),
                string.IsNullOrEmpty(container.TerminationMessagePath) ? "" : _context.Volumes.TerminationMessageFile(pod.Uid, name, restartCount),
                hostNetwork ? _context.Options.NodeIp : state.SandboxIp);
            var spec = _context.Containers.Create(pod, container, context);
            Directory.CreateDirectory(Path.Combine(sandbox.LogDirectory, name));
            containerId = await _context.Runtime.CreateContainerAsync(state.CurrentSandbox!.Id, spec, sandbox, cancellationToken);
        }
        catch (ContainerConfigException e)
        {
            return Wait(pod, name, "CreateContainerConfigError", e.Message);
        }
        catch (VolumeException e)
        {
            return Wait(pod, name, "CreateContainerConfigError", e.Message);
        }
        catch (RuntimeException e) when (e.Kind != RuntimeErrorKind.Unavailable)
        {
            return Wait(pod, name, "CreateContainerError", e.Message);
        }
        _context.Events.Record(pod, EventSeverity.Normal, "Created", $"Created container: {name}");
        return await RunAsync(pod, container, containerId, cancellationToken);
    }

    private async Task<DateTimeOffset?> RunAsync(DesiredPod pod, Container container, string containerId, CancellationToken cancellationToken)
    {
        try
        {
            await _context.Runtime.StartContainerAsync(containerId, cancellationToken);
        }
        catch (RuntimeException e) when (e.Kind != RuntimeErrorKind.Unavailable)
        {
            // The runtime records the instance as exited (StartError); the next sync restarts it with back-off.
            Wait(pod, container.Name!, "RunContainerError", StartErrors.Explain(e.Message, container, ContainerField(pod, container.Name!)));
            return _context.Time.GetUtcNow();
        }
        _waiting.Remove(container.Name!);
        _context.Events.Record(pod, EventSeverity.Normal, "Started", $"Started container {container.Name}");
        return null;
    }

    private DateTimeOffset Wait(DesiredPod pod, string container, string reason, string message)
    {
        _waiting[container] = new ContainerWaiting(reason, message);
        _context.Events.Record(pod, EventSeverity.Warning, "Failed", $"Error: {message}");
        ReportProblem(pod, $"container \"{container}\": {reason}: {message}");
        return _context.Time.GetUtcNow() + _context.Options.ErrorRequeue;
    }

    private void ClearWaitingReason(string reason)
    {
        foreach (var name in _waiting.Where(w => w.Value.Reason == reason).Select(w => w.Key).ToList())
        {
            _waiting.Remove(name);
        }
    }

    /// <summary>Logs a problem of this pod once (not on every retry).</summary>
    private void ReportProblem(DesiredPod pod, string message)
    {
        if (message == _lastLoggedProblem)
        {
            return;
        }
        _lastLoggedProblem = message;
        LogPodProblem(_context.Logger, pod.FullName, Origin(pod), message);
    }

    /// <summary>Keeps the two newest instances per container (current and previous, for lastState) and removes older dead ones.</summary>
    private async Task CollectGarbageAsync(PodRuntimeState state, CancellationToken cancellationToken)
    {
        var removable = state.Containers.GroupBy(c => c.Name)
            .SelectMany(g => g.Skip(2))
            .Where(c => c.State == ContainerRunState.Exited)
            .ToList();
        foreach (var container in removable)
        {
            await _context.Killer.RemoveContainerAsync(container, cancellationToken);
        }
        _context.Reader.Forget(removable.Select(c => c.Id));
        var current = state.CurrentSandbox?.Id;
        var kept = state.Containers.Except(removable).Select(c => c.SandboxId).ToHashSet(StringComparer.Ordinal);
        foreach (var sandbox in state.Sandboxes.Where(s => s.Id != current && s.State == SandboxState.NotReady && !kept.Contains(s.Id)))
        {
            await _context.Runtime.RemovePodSandboxAsync(sandbox.Id, cancellationToken);
        }
    }

    private async Task TerminateAsync(CancellationToken cancellationToken)
    {
        var pod = _pod;
        await _probes.DisposeAsync();
        var state = await _context.Reader.ReadAsync(pod.Uid, cancellationToken);
        await _context.Killer.KillPodAsync(pod, state, _terminationGrace, cancellationToken);
        state = await _context.Reader.ReadAsync(pod.Uid, cancellationToken);
        PublishFinal(pod, state);
        await _context.Killer.RemovePodAsync(pod.Uid, state, cancellationToken);
        _context.Reader.Forget(state.Containers.Select(c => c.Id).Concat(state.Sandboxes.Select(s => s.Id)));
        _context.RestartBackoff.ResetPrefix(pod.Uid + "/");
        LogPodRemoved(_context.Logger, pod.FullName, Origin(pod));
    }

    private DateTimeOffset? ActiveDeadline(DesiredPod pod, PodRuntimeState state)
    {
        if (pod.Pod.Spec.ActiveDeadlineSeconds is not { } seconds)
        {
            return null;
        }
        // A pod without a sandbox yet starts in this sync: count from now, so the first requeue honours the deadline.
        var start = Status?.StartTime ?? state.Sandboxes.Select(s => (DateTimeOffset?)s.CreatedAt).Min() ?? _context.Time.GetUtcNow();
        return start + TimeSpan.FromSeconds(seconds);
    }

    /// <summary>
    /// With no earlier instance in the runtime (lost with its sandbox, e.g. after a reboot), the kubelet
    /// continues the count from the highest <c>&lt;N&gt;.log</c> in the container's log directory.
    /// </summary>
    private static int NextRestartFromLogs(string containerLogDirectory)
    {
        if (!Directory.Exists(containerLogDirectory))
        {
            return 0;
        }
        var highest = Directory.EnumerateFiles(containerLogDirectory, "*.log")
            .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f), out var n) ? n : -1)
            .DefaultIfEmpty(-1)
            .Max();
        return highest + 1;
    }

    /// <summary>Where a container sits in the manifest, e.g. <c>spec.initContainers[1]</c>, for messages.</summary>
    private static string ContainerField(DesiredPod pod, string name)
    {
        var index = pod.Pod.Spec.Containers.FindIndex(c => c.Name == name);
        return index >= 0 ? $"spec.containers[{index}]" : $"spec.initContainers[{pod.Pod.Spec.InitContainers?.FindIndex(c => c.Name == name) ?? -1}]";
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);

    private static string Origin(DesiredPod pod) => pod.ManifestPath ?? pod.Source;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pod {Pod} ({Origin}): {Problem}")]
    private static partial void LogPodProblem(ILogger logger, string pod, string origin, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pod {Pod} ({Origin}): sync failed, retrying: {Error}")]
    private static partial void LogSyncFailed(ILogger logger, string pod, string origin, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {Pod} ({Origin}) stopped and removed")]
    private static partial void LogPodRemoved(ILogger logger, string pod, string origin);
}
