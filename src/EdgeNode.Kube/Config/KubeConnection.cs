using System.Security.Cryptography.X509Certificates;

namespace EdgeNode.Kube.Config;

/// <summary>Everything needed to reach and authenticate to one API server, resolved from a kubeconfig.</summary>
public sealed record KubeConnection
{
    /// <summary>The API server's https URL; may carry a path prefix (e.g. behind Rancher), which every request keeps.</summary>
    public required Uri Server { get; init; }

    /// <summary>The only roots the server's certificate may chain to; <c>null</c> means the system's trusted roots.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>The client certificate with its private key, usable by <c>SslStream</c>.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Intermediate certificates that followed the client certificate in its PEM, sent along with it.</summary>
    public X509Certificate2Collection? ClientCertificateChain { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer</c>; with <see cref="TokenFile"/> this is the file's content at load time.</summary>
    public string? BearerToken { get; init; }

    /// <summary>When set, the token is re-read from this file (once a minute at most), as kubectl does for rotating tokens.</summary>
    public string? TokenFile { get; init; }

    /// <summary>Skip all server certificate checks (kubeconfig <c>insecure-skip-tls-verify</c>).</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The name the server's certificate must be valid for, when it differs from the URL's host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>The context's default namespace, if any.</summary>
    public string? Namespace { get; init; }

    /// <summary>The kubeconfig this came from (for messages), or a description of the source.</summary>
    public string Source { get; init; } = "";

    /// <summary>The context used.</summary>
    public string ContextName { get; init; } = "";
}
