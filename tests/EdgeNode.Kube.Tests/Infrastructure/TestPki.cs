using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeNode.Kube.Tests.Infrastructure;

/// <summary>Certificates made in-process: a CA and leaf certificates it signs (ECDSA P-256, fast to generate).</summary>
internal static class TestPki
{
    private static readonly DateTimeOffset NotBefore = DateTimeOffset.UtcNow.AddDays(-1);
    private static readonly DateTimeOffset NotAfter = DateTimeOffset.UtcNow.AddDays(30);

    public static X509Certificate2 CreateCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var ca = request.CreateSelfSigned(NotBefore.AddDays(-1), NotAfter.AddDays(1));
        return Persist(ca);
    }

    /// <summary>A leaf signed by <paramref name="issuer"/>; its key is ECDSA unless <paramref name="rsa"/>.</summary>
    public static (X509Certificate2 Certificate, AsymmetricAlgorithm Key) Issue(
        X509Certificate2 issuer, string commonName, bool server, string[]? dnsNames = null, IPAddress[]? addresses = null, bool rsa = false, string? organization = null)
    {
        var subject = organization is null ? $"CN={commonName}" : $"CN={commonName}, O={organization}";
        AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = key is RSA r
            ? new CertificateRequest(subject, r, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [server ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (dnsNames is not null || addresses is not null)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var dns in dnsNames ?? [])
            {
                san.AddDnsName(dns);
            }

            foreach (var address in addresses ?? [])
            {
                san.AddIpAddress(address);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issuerKey = issuer.GetECDsaPrivateKey()!;
        var certificate = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), NotBefore, NotAfter, serial);
        return (certificate, key);
    }

    /// <summary>The certificate with its private key, after a PKCS#12 round trip (what SslStream on Linux wants for a server).</summary>
    public static X509Certificate2 WithKey(X509Certificate2 certificate, AsymmetricAlgorithm key)
    {
        using var combined = key switch
        {
            RSA rsa => certificate.CopyWithPrivateKey(rsa),
            ECDsa ecdsa => certificate.CopyWithPrivateKey(ecdsa),
            _ => throw new ArgumentException("unsupported key"),
        };
        return Persist(combined);
    }

    public static string KeyPem(AsymmetricAlgorithm key, bool pkcs8 = true) => key switch
    {
        RSA rsa => pkcs8 ? rsa.ExportPkcs8PrivateKeyPem() : rsa.ExportRSAPrivateKeyPem(),
        ECDsa ecdsa => pkcs8 ? ecdsa.ExportPkcs8PrivateKeyPem() : ecdsa.ExportECPrivateKeyPem(),
        _ => throw new ArgumentException("unsupported key"),
    };

    private static X509Certificate2 Persist(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
}
