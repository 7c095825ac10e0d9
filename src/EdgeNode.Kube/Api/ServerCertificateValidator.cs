using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace EdgeNode.Kube.Api;

/// <summary>
/// Checks the API server's certificate: it must chain to the kubeconfig's certificate authority (or, with
/// none configured, to the system's roots) and be valid for the URL's host or the kubeconfig's
/// <c>tls-server-name</c>. Remembers why it last refused a certificate, because the TLS stack only reports
/// "rejected by the validation callback".
/// </summary>
internal sealed class ServerCertificateValidator(KubeConnectionTls tls)
{
    private volatile string? _lastProblem;

    /// <summary>One clause describing the last refused certificate, e.g. "its certificate (CN=x) is not signed by …".</summary>
    public string? LastProblem => _lastProblem;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (tls.InsecureSkipTlsVerify)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return Refuse("it presented no certificate");
        }

        var server = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var described = $"its certificate ({server.Subject}, issued by {server.Issuer})";

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var flags = chain?.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status) ?? X509ChainStatusFlags.NoError;
            if ((flags & (X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested)) != 0 &&
                (flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) == 0)
            {
                return Refuse(
                    $"{described} is expired or not yet valid (valid from {server.NotBefore.ToUniversalTime():u} to {server.NotAfter.ToUniversalTime():u}): " +
                    "check this node's clock and the server's certificate");
            }

            return Refuse(tls.CertificateAuthorities is null
                ? $"{described} is not trusted by this system's certificate authorities: put the cluster's CA into the kubeconfig {tls.Source} as certificate-authority-data"
                : $"{described} is not signed by the certificate authority in the kubeconfig {tls.Source}: put the cluster's CA there as certificate-authority-data, or fix the server URL");
        }

        if (tls.TlsServerName is { } name)
        {
            // The TLS stack checked the URL's host; the kubeconfig asks for another name.
            return server.MatchesHostname(name, allowWildcards: true, allowCommonName: false)
                ? Accept()
                : Refuse($"{described} is not valid for the name '{name}' (tls-server-name in the kubeconfig {tls.Source}): set tls-server-name to a name the certificate carries");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return Refuse(
                $"{described} is not valid for the host '{tls.Server.IdnHost}': use an address the certificate names in the kubeconfig {tls.Source}, or set tls-server-name");
        }

        return Accept();
    }

    private bool Accept()
    {
        _lastProblem = null;
        return true;
    }

    private bool Refuse(string problem)
    {
        _lastProblem = problem;
        return false;
    }
}
