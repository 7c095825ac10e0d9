using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using Microsoft.Extensions.Logging;

namespace EdgeNode.Core.Engine;

/// <summary>
/// The kubelet's PLEG: lists EdgeNode's sandboxes and containers every relist period, diffs with the
/// previous list, and tells the pod manager which pods changed.
/// </summary>
public sealed partial class Relister(ICriRuntime runtime, PodManager manager, TimeProvider time, TimeSpan period, ILogger logger)
{
    private Dictionary<string, (string Uid, string State)> _previous = new(StringComparer.Ordinal);
    private string? _lastError;

    /// <summary>When the last relist succeeded (runtime health).</summary>
    public DateTimeOffset? LastSuccess { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period, time);
        do
        {
            await RelistAsync(cancellationToken);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    public async Task RelistAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SandboxInfo> sandboxes;
        IReadOnlyList<ContainerInfo> containers;
        try
        {
            sandboxes = await runtime.ListPodSandboxesAsync(PodLabels.ManagedSelector, cancellationToken);
            containers = await runtime.ListContainersAsync(PodLabels.ManagedSelector, cancellationToken);
        }
        catch (RuntimeException e)
        {
            if (e.Message != _lastError)
            {
                _lastError = e.Message;
                LogRelistFailed(logger, e.Message);
            }
            return;
        }
        if (_lastError is not null)
        {
            _lastError = null;
            LogRelistRecovered(logger);
        }
        var current = new Dictionary<string, (string Uid, string State)>(StringComparer.Ordinal);
        foreach (var s in sandboxes)
        {
            current[s.Id] = (s.Uid, s.State.ToString());
        }
        foreach (var c in containers)
        {
            current[c.Id] = (c.Labels.GetValueOrDefault(PodLabels.PodUid, ""), c.State.ToString());
        }
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, entry) in current)
        {
            if (!_previous.TryGetValue(id, out var before) || before.State != entry.State)
            {
                changed.Add(entry.Uid);
            }
        }
        foreach (var (id, entry) in _previous)
        {
            if (!current.ContainsKey(id))
            {
                changed.Add(entry.Uid);
            }
        }
        _previous = current;
        LastSuccess = time.GetUtcNow();
        await manager.OnRelistAsync(changed, sandboxes, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot list pods from the container runtime: {Error}")]
    private static partial void LogRelistFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The container runtime answers again")]
    private static partial void LogRelistRecovered(ILogger logger);
}
