using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using EdgeNode.Kube.Config;

namespace EdgeNode.Kube.Api;

/// <summary>Builds the <see cref="SocketsHttpHandler"/> that talks to the API server.</summary>
internal static class KubeHttpHandlerFactory
{
    public static SocketsHttpHandler Create(KubeConnection connection, KubeApiClientOptions options, ServerCertificateValidator validator)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            // HTTP/2 is negotiated by ALPN; the handler fills in the protocols and the target host.
            RemoteCertificateValidationCallback = validator.Validate,
        };

        if (connection.CertificateAuthorities is { } authorities && !connection.InsecureSkipTlsVerify)
        {
            // The kubeconfig's CA is the only trust anchor: the system's roots do not count.
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(authorities);
            ssl.CertificateChainPolicy = policy;
        }

        if (connection.ClientCertificate is { } certificate)
        {
            // A context sends the certificate (and its intermediates) whatever CA names the server asks for.
            ssl.ClientCertificateContext = SslStreamCertificateContext.Create(
                certificate, connection.ClientCertificateChain, offline: true);
        }

        return new SocketsHttpHandler
        {
            SslOptions = ssl,
            ConnectTimeout = options.ConnectTimeout,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = DecompressionMethods.GZip,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
    }
}
