using System.Collections.Concurrent;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Engine;

/// <summary>
/// Reads one pod's sandboxes and containers from the runtime. Details of exited containers never
/// change, and those of running ones change only with their state, so they are cached by ID and
/// refreshed only when the listed state differs.
/// </summary>
public sealed class PodRuntimeStateReader(ICriRuntime runtime)
{
    private readonly ConcurrentDictionary<string, ContainerStatusInfo> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _sandboxIps = new(StringComparer.Ordinal);

    public async Task<PodRuntimeState> ReadAsync(string podUid, CancellationToken cancellationToken)
    {
        var selector = new Dictionary<string, string> { [PodLabels.PodUid] = podUid };
        var sandboxes = (await runtime.ListPodSandboxesAsync(selector, cancellationToken))
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Attempt).ToList();
        var listed = await runtime.ListContainersAsync(selector, cancellationToken);
        var containers = new List<ObservedContainer>(listed.Count);
        foreach (var info in listed)
        {
            if (!_statuses.TryGetValue(info.Id, out var status) || status.State != info.State || info.State == ContainerRunState.Unknown)
            {
                var fresh = await runtime.ContainerStatusAsync(info.Id, cancellationToken);
                if (fresh is null)
                {
                    _statuses.TryRemove(info.Id, out _);
                    continue;
                }
                status = fresh;
                _statuses[info.Id] = status;
            }
            containers.Add(new ObservedContainer(info.SandboxId, status));
        }
        containers.Sort((a, b) => b.Status.CreatedAt != a.Status.CreatedAt
            ? b.Status.CreatedAt.CompareTo(a.Status.CreatedAt)
            : b.RestartCount.CompareTo(a.RestartCount));

        var state = new PodRuntimeState(sandboxes, containers, "");
        var current = state.CurrentSandbox;
        var ip = current is { State: SandboxState.Ready } ? await SandboxIpAsync(current.Id, cancellationToken) : "";
        return state with { SandboxIp = ip };
    }

    /// <summary>Drops cached details of instances that no longer exist.</summary>
    public void Forget(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            _statuses.TryRemove(id, out _);
            _sandboxIps.TryRemove(id, out _);
        }
    }

    private async Task<string> SandboxIpAsync(string sandboxId, CancellationToken cancellationToken)
    {
        if (_sandboxIps.TryGetValue(sandboxId, out var ip))
        {
            return ip;
        }
        var status = await runtime.PodSandboxStatusAsync(sandboxId, cancellationToken);
        ip = status?.Ip ?? "";
        if (status is not null)
        {
            _sandboxIps[sandboxId] = ip;
        }
        return ip;
    }
}
