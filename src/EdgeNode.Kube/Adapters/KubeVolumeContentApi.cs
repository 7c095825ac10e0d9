using System.Text;
using EdgeNode.Core.Api;
using EdgeNode.Kube.Api;
using EdgeNode.Kube.Models;

namespace EdgeNode.Kube.Adapters;

public sealed class KubeVolumeContentApi(KubeApiClient client) : IVolumeContentApi
{
    public async Task<IReadOnlyDictionary<string, byte[]>?> GetSecretAsync(string podNamespace, string name, CancellationToken cancellationToken)
    {
        var secret = await KubeErrors.CallAsync(() => client.GetAsync($"/api/v1/namespaces/{podNamespace}/secrets/{name}", KubeJsonContext.Default.Secret, cancellationToken));
        return secret is null ? null : secret.Data ?? new Dictionary<string, byte[]>();
    }

    public async Task<IReadOnlyDictionary<string, byte[]>?> GetConfigMapAsync(string podNamespace, string name, CancellationToken cancellationToken)
    {
        var configMap = await KubeErrors.CallAsync(() => client.GetAsync($"/api/v1/namespaces/{podNamespace}/configmaps/{name}", KubeJsonContext.Default.ConfigMap, cancellationToken));
        if (configMap is null)
        {
            return null;
        }
        var data = (configMap.Data ?? []).ToDictionary(d => d.Key, d => Encoding.UTF8.GetBytes(d.Value), StringComparer.Ordinal);
        foreach (var (key, value) in configMap.BinaryData ?? [])
        {
            data[key] = value;
        }
        return data;
    }
}
