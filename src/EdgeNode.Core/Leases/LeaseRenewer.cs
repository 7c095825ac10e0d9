using EdgeNode.Core.Api;
using EdgeNode.Core.Pods;
using Microsoft.Extensions.Logging;

namespace EdgeNode.Core.Leases;

/// <summary>
/// The node heartbeat (kubelet §3): renews <c>kube-node-lease/&lt;node&gt;</c> every quarter of its
/// duration (40 s → 10 s, jitter 0.04). Updates optimistically from the cached lease; on failure it
/// falls back to GET (creating the lease on 404, with the Node as owner), retrying with back-off from
/// 200 ms doubling to 7 s; a 409 re-reads; repeated failures drop idle connections.
/// </summary>
public sealed partial class LeaseRenewer(
    string nodeName, int leaseDurationSeconds, ILeaseApi leases, INodeApi nodes, TimeProvider time, ILogger logger)
{
    private const double RenewFraction = 0.25;
    private const double Jitter = 0.04;
    private const int MaxUpdateRetries = 5;
    private static readonly TimeSpan BackoffStart = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan BackoffMax = TimeSpan.FromSeconds(7);
    private Lease? _cached;

    public TimeSpan RenewInterval => TimeSpan.FromSeconds(leaseDurationSeconds * RenewFraction);

    /// <summary>When the lease was last renewed successfully.</summary>
    public DateTimeOffset? LastRenewed { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await RenewAsync(cancellationToken);
            // Sliding: the next period counts from the end of this renewal.
            var wait = RenewInterval * (1 + Random.Shared.NextDouble() * Jitter);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        if (_cached is not null)
        {
            try
            {
                _cached = await leases.UpdateLeaseAsync(await WithOwnerAsync(Renewed(_cached), cancellationToken), cancellationToken);
                LastRenewed = time.GetUtcNow();
                return;
            }
            catch (ApiException e)
            {
                LogOptimisticUpdateFailed(logger, e.Message);
            }
        }

        var (lease, created) = await EnsureAsync(cancellationToken);
        if (created)
        {
            _cached = lease;
            LastRenewed = time.GetUtcNow();
            return;
        }
        for (var attempt = 0; attempt < MaxUpdateRetries; attempt++)
        {
            try
            {
                _cached = await leases.UpdateLeaseAsync(await WithOwnerAsync(Renewed(lease), cancellationToken), cancellationToken);
                LastRenewed = time.GetUtcNow();
                return;
            }
            catch (ApiException e) when (e.Kind == ApiErrorKind.Conflict)
            {
                (lease, _) = await EnsureAsync(cancellationToken);
            }
            catch (ApiException e)
            {
                LogUpdateFailed(logger, nodeName, e.Message);
                if (attempt > 0)
                {
                    nodes.DropConnections();
                }
            }
        }
        _cached = null;
        LogRetriesExceeded(logger, MaxUpdateRetries);
    }

    /// <summary>GET the lease, creating it on 404; retries until it succeeds (or the agent stops).</summary>
    private async Task<(Lease Lease, bool Created)> EnsureAsync(CancellationToken cancellationToken)
    {
        var delay = BackoffStart;
        while (true)
        {
            try
            {
                var existing = await leases.GetLeaseAsync(nodeName, cancellationToken);
                if (existing is not null)
                {
                    return (existing, false);
                }
                var owner = await OwnerAsync(cancellationToken);
                if (owner is not null)
                {
                    return (await leases.CreateLeaseAsync(NewLease(owner), cancellationToken), true);
                }
                LogNodeUnknown(logger, nodeName);
            }
            catch (ApiException e)
            {
                LogEnsureFailed(logger, nodeName, e.Message);
            }
            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, BackoffMax.Ticks));
        }
    }

    private Lease Renewed(Lease lease) => lease with
    {
        Spec = lease.Spec with { HolderIdentity = nodeName, LeaseDurationSeconds = leaseDurationSeconds, RenewTime = time.GetUtcNow() },
    };

    private Lease NewLease(OwnerReference owner) => Renewed(new Lease
    {
        Metadata = new ObjectMeta { Name = nodeName, Namespace = "kube-node-lease", OwnerReferences = [owner] },
    });

    /// <summary>Adds the Node owner reference when the lease lacks it and the Node can be read.</summary>
    private async Task<Lease> WithOwnerAsync(Lease lease, CancellationToken cancellationToken)
    {
        if (lease.Metadata.OwnerReferences is { Count: > 0 })
        {
            return lease;
        }
        try
        {
            var owner = await OwnerAsync(cancellationToken);
            return owner is null ? lease : lease with { Metadata = lease.Metadata with { OwnerReferences = [owner] } };
        }
        catch (ApiException)
        {
            return lease; // renewed without the reference; a later renewal adds it
        }
    }

    private async Task<OwnerReference?> OwnerAsync(CancellationToken cancellationToken)
    {
        var node = await nodes.GetNodeAsync(nodeName, cancellationToken);
        return node?.Metadata.Uid is { } uid ? new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = uid } : null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Renewing the cached lease failed, reading it again: {Error}")]
    private static partial void LogOptimisticUpdateFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating the lease of node {Node} failed: {Error}")]
    private static partial void LogUpdateFailed(ILogger logger, string node, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading or creating the lease of node {Node} failed, retrying: {Error}")]
    private static partial void LogEnsureFailed(ILogger logger, string node, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {Node} is not registered yet; the lease is created once it is")]
    private static partial void LogNodeUnknown(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Error, Message = "failed {Attempts} attempts to update lease")]
    private static partial void LogRetriesExceeded(ILogger logger, int attempts);
}
