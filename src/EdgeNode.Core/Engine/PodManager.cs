using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using EdgeNode.Core.Sources;
using Microsoft.Extensions.Logging;

namespace EdgeNode.Core.Engine;

/// <summary>
/// Merges the pod sources into the desired pod set and keeps one <see cref="PodWorker"/> per pod UID.
/// Once every source has reported, pods the runtime still has but no source wants are stopped and
/// removed — except pods whose manifest exists but is currently invalid: they keep running.
/// </summary>
public sealed partial class PodManager(
    PodWorkerContext context, PodStatusStore store, IReadOnlyCollection<string> sources, Func<DesiredPod, CancellationToken, Task>? onDeleted = null)
    : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, PodSourceSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodWorker> _workers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _orphans = new(StringComparer.Ordinal);
    private readonly HashSet<string> _keptOrphans = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _terminating = new(StringComparer.Ordinal);
    private readonly List<PodWorker> _terminatingWorkers = [];
    private readonly HashSet<string> _deletionsDone = new(StringComparer.Ordinal);
    private bool _disposed;

    public bool SourcesReady => sources.All(_snapshots.ContainsKey);

    public async Task ApplyAsync(PodSourceSnapshot snapshot, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _snapshots[snapshot.Source] = snapshot;
            Reconcile();
            store.SetProblems(_snapshots.Values.SelectMany(s => s.Problems).ToList());
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Brings the workers in line with the merged desired set; call with the gate held.</summary>
    private void Reconcile()
    {
        if (_disposed)
        {
            return;
        }
        var desired = new Dictionary<string, DesiredPod>(StringComparer.Ordinal);
        var deleting = new Dictionary<string, DesiredPod>(StringComparer.Ordinal);
        foreach (var pod in sources.Where(_snapshots.ContainsKey).SelectMany(s => _snapshots[s].Pods))
        {
            // An API pod with a deletionTimestamp is stopped with its deletion grace period, then deleted for good.
            (pod.Pod.Metadata.DeletionTimestamp is null ? desired : deleting).TryAdd(pod.Uid, pod);
        }
        _deletionsDone.RemoveWhere(uid => !deleting.ContainsKey(uid));
        foreach (var (uid, pod) in deleting)
        {
            if (_deletionsDone.Contains(uid) || IsRunning(_terminating, uid))
            {
                continue;
            }
            if (!_workers.Remove(uid, out var worker))
            {
                worker = new PodWorker(pod, context);
            }
            var grace = pod.Pod.Metadata.DeletionGracePeriodSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            LogPodDeleting(context.Logger, pod.FullName, grace?.TotalSeconds ?? pod.Pod.Spec.TerminationGracePeriodSeconds ?? 30);
            worker.RequestTermination(grace);
            _terminatingWorkers.Add(worker);
            _terminating[uid] = FinishAsync(worker, pod);
        }
        foreach (var (uid, pod) in desired)
        {
            if (_workers.TryGetValue(uid, out var worker))
            {
                if (!ReferenceEquals(worker.Pod, pod))
                {
                    worker.Update(pod);
                }
            }
            else if (!IsRunning(_terminating, uid))
            {
                // A pod that comes back while its previous worker still terminates starts once that finishes.
                LogPodAdded(context.Logger, pod.FullName, pod.ManifestPath ?? pod.Source);
                _workers[uid] = new PodWorker(pod, context);
            }
        }
        foreach (var uid in _workers.Keys.Where(uid => !desired.ContainsKey(uid)).ToList())
        {
            var worker = _workers[uid];
            _workers.Remove(uid);
            worker.RequestTermination();
            _terminatingWorkers.Add(worker);
            _terminating[uid] = FinishAsync(worker, null);
        }
        foreach (var done in _terminating.Where(t => t.Value.IsCompleted).Select(t => t.Key).ToList())
        {
            _terminating.Remove(done);
        }
    }

    /// <summary>Called after each relist with the pod UIDs whose runtime state changed and the sandboxes present.</summary>
    public async Task OnRelistAsync(IReadOnlyCollection<string> changedUids, IReadOnlyList<SandboxInfo> sandboxes, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var uid in changedUids)
            {
                if (_workers.TryGetValue(uid, out var worker))
                {
                    worker.Wake();
                }
            }
            // With no source at all nothing can tell a pod is unwanted: never remove pods then.
            if (sources.Count > 0 && SourcesReady)
            {
                StopOrphans(sandboxes, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<PodWorker> workers;
        List<Task> pending;
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            workers = [.. _workers.Values, .. _terminatingWorkers];
            pending = [.. _terminating.Values, .. _orphans.Values];
            _workers.Clear();
        }
        finally
        {
            _gate.Release();
        }
        // Stopping the agent stops the workers only; an interrupted termination is finished by the next agent.
        foreach (var worker in workers)
        {
            await worker.DisposeAsync();
        }
        await Task.WhenAll(pending).ContinueWith(_ => { }, TaskScheduler.Default);
        _gate.Dispose();
    }

    private void StopOrphans(IReadOnlyList<SandboxInfo> sandboxes, CancellationToken cancellationToken)
    {
        var problemPaths = _snapshots.Values.SelectMany(s => s.Problems).Select(p => p.Path).ToList();
        foreach (var sandbox in sandboxes.GroupBy(s => s.Uid).Select(g => g.First()))
        {
            var uid = sandbox.Uid;
            // Pods being terminated by their worker are not orphans; neither are those already being removed.
            if (_workers.ContainsKey(uid) || IsRunning(_terminating, uid) || IsRunning(_orphans, uid))
            {
                continue;
            }
            // A manifest that is invalid, or in a folder that cannot be read, still counts as wanted.
            if (sandbox.Annotations.TryGetValue(PodAnnotations.ManifestPath, out var path) &&
                problemPaths.Any(p => path == p || path.StartsWith(p.TrimEnd('/') + "/", StringComparison.Ordinal)))
            {
                if (_keptOrphans.Add(uid))
                {
                    LogOrphanKept(context.Logger, $"{sandbox.Namespace}/{sandbox.Name}", path);
                }
                continue;
            }
            _keptOrphans.Remove(uid);
            LogOrphanStopping(context.Logger, $"{sandbox.Namespace}/{sandbox.Name}", uid);
            _orphans[uid] = RemoveOrphanAsync(uid, cancellationToken);
        }
        foreach (var done in _orphans.Where(o => o.Value.IsCompleted).Select(o => o.Key).ToList())
        {
            _orphans.Remove(done);
        }
    }

    private static bool IsRunning(Dictionary<string, Task> tasks, string uid) => tasks.TryGetValue(uid, out var task) && !task.IsCompleted;

    private async Task RemoveOrphanAsync(string uid, CancellationToken cancellationToken)
    {
        try
        {
            var state = await context.Reader.ReadAsync(uid, cancellationToken);
            await context.Killer.KillPodAsync(null, state, null, cancellationToken);
            await context.Killer.RemovePodAsync(uid, state, cancellationToken);
            context.Reader.Forget(state.Containers.Select(c => c.Id));
        }
        catch (Exception e) when (e is RuntimeException or IOException)
        {
            LogOrphanFailed(context.Logger, uid, e.Message);
        }
    }

    /// <summary>Waits for a terminating worker; for a deleted API pod then posts the final status and deletes it.</summary>
    private async Task FinishAsync(PodWorker worker, DesiredPod? deleted)
    {
        var done = false;
        try
        {
            await worker.Completion;
            done = true;
            if (deleted is not null && onDeleted is not null)
            {
                await onDeleted(deleted, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is RuntimeException or IOException or OperationCanceledException or Api.ApiException)
        {
            done = false;
            LogOrphanFailed(context.Logger, worker.Uid, e.Message);
        }
        finally
        {
            await worker.DisposeAsync();
        }
        await _gate.WaitAsync();
        try
        {
            _terminating.Remove(worker.Uid);
            _terminatingWorkers.Remove(worker);
            context.Statuses.Remove(worker.Uid);
            if (done && deleted is not null)
            {
                _deletionsDone.Add(worker.Uid);
            }
            Reconcile();
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {Pod} is being deleted: stopping it within {Grace}s")]
    private static partial void LogPodDeleting(ILogger logger, string pod, double grace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {Pod} added ({Origin})")]
    private static partial void LogPodAdded(ILogger logger, string pod, string origin);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pod {Pod} keeps running although its manifest {Path} is invalid: fix the manifest, or delete it to stop the pod")]
    private static partial void LogOrphanKept(ILogger logger, string pod, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {Pod} ({Uid}) is no longer wanted by any source: stopping and removing it")]
    private static partial void LogOrphanStopping(ILogger logger, string pod, string uid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing pod {Uid} failed, will retry: {Error}")]
    private static partial void LogOrphanFailed(ILogger logger, string uid, string error);
}
