using EdgeNode.Core.Api;
using EdgeNode.Core.Leases;
using EdgeNode.Kube.Api;
using EdgeNode.Kube.Models;

namespace EdgeNode.Kube.Adapters;

/// <summary>Leases in kube-node-lease.</summary>
public sealed class KubeLeaseApi(KubeApiClient client) : ILeaseApi
{
    private const string Collection = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases";

    public Task<Lease?> GetLeaseAsync(string name, CancellationToken cancellationToken) =>
        KubeErrors.CallAsync(() => client.GetAsync($"{Collection}/{name}", KubeJsonContext.Default.Lease, cancellationToken));

    public Task<Lease> CreateLeaseAsync(Lease lease, CancellationToken cancellationToken) =>
        KubeErrors.CallAsync(() => client.CreateAsync(Collection, lease, KubeJsonContext.Default.Lease, cancellationToken));

    public Task<Lease> UpdateLeaseAsync(Lease lease, CancellationToken cancellationToken) =>
        KubeErrors.CallAsync(() => client.UpdateAsync($"{Collection}/{lease.Metadata.Name}", lease, KubeJsonContext.Default.Lease, cancellationToken));
}
