using System.Security.Cryptography.X509Certificates;
using EdgeNode.Kube.Config;

namespace EdgeNode.Kube.Api;

/// <summary>The TLS-relevant part of a <see cref="KubeConnection"/>.</summary>
internal sealed record KubeConnectionTls(
    Uri Server,
    X509Certificate2Collection? CertificateAuthorities,
    bool InsecureSkipTlsVerify,
    string? TlsServerName,
    string Source)
{
    public static KubeConnectionTls From(KubeConnection connection) =>
        new(connection.Server, connection.CertificateAuthorities, connection.InsecureSkipTlsVerify, connection.TlsServerName, connection.Source);
}
