namespace EdgeNode.Core.Api;

/// <summary>Secret and ConfigMap contents for volumes of API pods (the Node authorizer lets a node read those of its pods).</summary>
public interface IVolumeContentApi
{
    /// <summary>Decoded key → bytes; null when the object does not exist.</summary>
    Task<IReadOnlyDictionary<string, byte[]>?> GetSecretAsync(string podNamespace, string name, CancellationToken cancellationToken);

    /// <summary>data and binaryData as key → bytes; null when the object does not exist.</summary>
    Task<IReadOnlyDictionary<string, byte[]>?> GetConfigMapAsync(string podNamespace, string name, CancellationToken cancellationToken);
}
