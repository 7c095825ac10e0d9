using EdgeNode.Core.Leases;

namespace EdgeNode.Core.Api;

/// <summary>Leases in the kube-node-lease namespace.</summary>
public interface ILeaseApi
{
    /// <summary>Null when the Lease does not exist.</summary>
    Task<Lease?> GetLeaseAsync(string name, CancellationToken cancellationToken);

    Task<Lease> CreateLeaseAsync(Lease lease, CancellationToken cancellationToken);

    /// <summary>PUT with the lease's resourceVersion; a stale one fails with <see cref="ApiErrorKind.Conflict"/>.</summary>
    Task<Lease> UpdateLeaseAsync(Lease lease, CancellationToken cancellationToken);
}
