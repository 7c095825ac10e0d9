using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EdgeNode.Kube.Config;
using EdgeNode.Kube.Tests.Infrastructure;
using Shouldly;

namespace EdgeNode.Kube.Tests.Config;

public sealed class KubeconfigLoaderTests : IDisposable
{
    private static readonly X509Certificate2 Ca = TestPki.CreateCa("test-ca");
    private static readonly (X509Certificate2 Certificate, AsymmetricAlgorithm Key) Client =
        TestPki.Issue(Ca, "system:node:pi-1", server: false, organization: "system:nodes");

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // ---- path precedence ----

    [Fact]
    public void ResolvePath_ExplicitPath_WinsOverKubeconfigVariable()
    {
        var fromVariable = _dir.Write("env.yaml", "x");

        KubeconfigLoader.ResolvePath("/etc/edgenode/kubeconfig", fromVariable).ShouldBe("/etc/edgenode/kubeconfig");
    }

    [Fact]
    public void ResolvePath_NoExplicitPath_TakesFirstExistingFileOfKubeconfigVariable()
    {
        var second = _dir.Write("second.yaml", "x");
        var third = _dir.Write("third.yaml", "x");

        KubeconfigLoader.ResolvePath(null, $"{_dir.Path}/missing.yaml::{second}:{third}").ShouldBe(second);
    }

    [Fact]
    public void ResolvePath_NothingGiven_ThrowsSentenceAskingForKubeconfig()
    {
        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.ResolvePath(null, null));

        error.Message.ShouldBe("No kubeconfig was given: pass --kubeconfig with the path of the node's kubeconfig, or set KUBECONFIG.");
        error.Path.ShouldBeNull();
    }

    [Fact]
    public void ResolvePath_NoFileOfKubeconfigVariableExists_ThrowsSentenceListingThem()
    {
        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.ResolvePath("", "/nope/a:/nope/b"));

        error.Message.ShouldBe("None of the files in KUBECONFIG (/nope/a, /nope/b) exists: point KUBECONFIG or --kubeconfig at the node's kubeconfig.");
    }

    // ---- the file itself ----

    [Fact]
    public void LoadFile_MissingFile_ThrowsSentenceNamingFileAndFlag()
    {
        var path = Path.Combine(_dir.Path, "missing.yaml");

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.LoadFile(path));

        error.Message.ShouldBe($"The kubeconfig {path} does not exist: pass the path of an existing kubeconfig with --kubeconfig or KUBECONFIG.");
        error.Path.ShouldBe(path);
    }

    [Fact]
    public void LoadFile_InvalidYaml_ThrowsSentenceWithLineAndColumn()
    {
        var path = _dir.Write("kubeconfig", "clusters:\n  - name: a\n   bad: [\n");

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.LoadFile(path));

        error.Message.ShouldStartWith($"The kubeconfig {path} is not valid YAML (line ");
        error.Message.ShouldEndWith("): fix the file, e.g. regenerate it with `kubectl config view --raw --minify`.");
    }

    [Fact]
    public void LoadFile_EmptyFile_ThrowsSentenceSayingEmpty()
    {
        var path = _dir.Write("kubeconfig", "# nothing\n");

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.LoadFile(path));

        error.Message.ShouldBe($"The kubeconfig {path} is empty: write the node's kubeconfig there (clusters, contexts, users and current-context).");
    }

    [Fact]
    public void Parse_TopLevelIsAList_ThrowsSentenceSayingNotAKubeconfig()
    {
        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse("- a\n- b\n", "/k"));

        error.Message.ShouldStartWith("The kubeconfig /k is not a kubeconfig");
    }

    [Fact]
    public void Parse_FieldOfWrongType_ThrowsSentenceWithFieldPath()
    {
        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse("clusters:\n  name: a\n", "/k"));

        error.Message.ShouldStartWith("The kubeconfig /k has a field of the wrong type at clusters: ");
    }

    [Fact]
    public void Parse_NoCurrentContext_ThrowsSentenceWithKubectlFix()
    {
        var yaml = Kubeconfig(currentContext: null);

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldBe("The kubeconfig /k has no current-context: set one with `kubectl config use-context <name> --kubeconfig /k`.");
    }

    [Fact]
    public void Parse_CurrentContextNotDefined_ThrowsSentenceListingContexts()
    {
        var yaml = Kubeconfig(currentContext: "prod");

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldBe("The kubeconfig /k names current-context 'prod', but it defines no context with that name (it defines 'default'): fix current-context or add the context.");
    }

    [Fact]
    public void Parse_ClusterNotDefined_ThrowsSentenceNamingContextAndCluster()
    {
        var yaml = Kubeconfig(contextCluster: "other");

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldBe("Context 'default' in the kubeconfig /k uses cluster 'other', which the file does not define (it defines 'default'): add the cluster or fix the context.");
    }

    [Fact]
    public void Parse_UserNotDefined_ThrowsSentenceNamingContextAndUser()
    {
        var yaml = Kubeconfig(contextUser: "admin");

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldBe("Context 'default' in the kubeconfig /k uses user 'admin', which the file does not define (it defines 'node'): add the user or fix the context.");
    }

    [Fact]
    public void Parse_NoServer_ThrowsSentenceAskingForHttpsUrl()
    {
        var yaml = Kubeconfig(server: null);

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldBe("Cluster 'default' in the kubeconfig /k has no server: set server to the API server's https:// URL.");
    }

    [Fact]
    public void Parse_HttpServer_ThrowsSentenceSayingTlsOnly()
    {
        var yaml = Kubeconfig(server: "http://10.0.0.1:8080");

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldBe("Cluster 'default' in the kubeconfig /k has server 'http://10.0.0.1:8080', which is not an https:// URL: EdgeNode talks to the API server over TLS only, so use its https:// address.");
    }

    [Fact]
    public void Parse_ServerNotAUrl_ThrowsSentenceWithExample()
    {
        var yaml = Kubeconfig(server: "10.0.0.1:6443");

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldContain("has server '10.0.0.1:6443', which is not");
    }

    [Fact]
    public void Parse_CertificateAuthorityFileMissing_ThrowsSentenceNamingFileAndDataAlternative()
    {
        var yaml = Kubeconfig(caData: null, caFile: "pki/ca.crt");
        var path = Path.Combine(_dir.Path, "kubeconfig");

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, path));

        error.Message.ShouldStartWith($"Cluster 'default' in the kubeconfig {path} names certificate-authority {_dir.Path}/pki/ca.crt, which cannot be read (");
        error.Message.ShouldEndWith("): fix the path or embed the PEM with certificate-authority-data.");
    }

    [Fact]
    public void Parse_CertificateAuthorityDataNotBase64_ThrowsSentence()
    {
        var yaml = Kubeconfig(caData: "not base64!");

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldBe("Cluster 'default' in the kubeconfig /k has a certificate-authority-data that is not valid base64: put the base64 encoding of the PEM file there (base64 -w0 < file.pem).");
    }

    [Fact]
    public void Parse_CertificateAuthorityDataWithoutCertificate_ThrowsSentence()
    {
        var yaml = Kubeconfig(caData: B64("hello, I am not a certificate"));

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldStartWith("Cluster 'default' in the kubeconfig /k has a certificate-authority-data that contains no PEM certificate (-----BEGIN CERTIFICATE-----): use the cluster's CA certificate");
    }

    [Fact]
    public void Parse_CertificateAuthorityDataCorruptPem_ThrowsSentence()
    {
        var yaml = Kubeconfig(caData: B64("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldStartWith("Cluster 'default' in the kubeconfig /k has a certificate-authority-data that is not a valid PEM certificate (");
    }

    [Fact]
    public void Parse_InsecureWithCertificateAuthority_ThrowsSentence()
    {
        var yaml = Kubeconfig(insecure: true);

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldBe("Cluster 'default' in the kubeconfig /k sets both insecure-skip-tls-verify and a certificate authority: remove one of them (kubectl refuses this too).");
    }

    [Fact]
    public void Parse_InsecureWithoutCertificateAuthority_AllowsAnyServerCertificate()
    {
        var yaml = Kubeconfig(caData: null, insecure: true);

        var connection = KubeconfigLoader.Parse(yaml, "/k");

        connection.InsecureSkipTlsVerify.ShouldBeTrue();
        connection.CertificateAuthorities.ShouldBeNull();
    }

    [Fact]
    public void Parse_ClientCertificateWithoutKey_ThrowsSentence()
    {
        var yaml = Kubeconfig(keyData: null);

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldBe("User 'node' in the kubeconfig /k has a client certificate but no client key: add client-key or client-key-data.");
    }

    [Fact]
    public void Parse_ClientKeyWithoutCertificate_ThrowsSentence()
    {
        var yaml = Kubeconfig(certData: null);

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldBe("User 'node' in the kubeconfig /k has a client key but no client certificate: add client-certificate or client-certificate-data.");
    }

    [Fact]
    public void Parse_ClientCertificateFileAndData_ThrowsSentenceAskingForOne()
    {
        var yaml = Kubeconfig(certFile: "client.crt");

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldBe("User 'node' in the kubeconfig /k sets both client-certificate and client-certificate-data: keep only one of them.");
    }

    [Fact]
    public void Parse_ClientCertificateNotPem_ThrowsSentence()
    {
        var yaml = Kubeconfig(certData: B64("garbage"));

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldBe("User 'node' in the kubeconfig /k has a client-certificate-data that contains no PEM certificate (-----BEGIN CERTIFICATE-----): use the node's client certificate in PEM form.");
    }

    [Fact]
    public void Parse_ClientKeyNotPem_ThrowsSentence()
    {
        var yaml = Kubeconfig(keyData: B64(Client.Certificate.ExportCertificatePem()));

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldStartWith("User 'node' in the kubeconfig /k has a client-key-data that contains no PEM private key");
    }

    [Fact]
    public void Parse_ClientKeyOfAnotherCertificate_ThrowsSentenceSayingItDoesNotBelong()
    {
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var yaml = Kubeconfig(keyData: B64(otherKey.ExportPkcs8PrivateKeyPem()));

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldBe("User 'node' in the kubeconfig /k has a client-key-data that does not belong to the client certificate: use the key the client certificate (CN=system:node:pi-1, O=system:nodes) was issued for.");
    }

    [Fact]
    public void Parse_ClientKeyCorrupt_ThrowsSentenceSayingInvalidKey()
    {
        var yaml = Kubeconfig(keyData: B64("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldStartWith("User 'node' in the kubeconfig /k has a client-key-data that is not a valid private key (");
    }

    [Fact]
    public void Parse_UserWithoutCredentials_ThrowsSentenceListingWhatToAdd()
    {
        var yaml = Kubeconfig(certData: null, keyData: null);

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldBe("User 'node' in the kubeconfig /k has no credentials: give it client-certificate and client-key (or their -data forms), or a token or tokenFile.");
    }

    [Fact]
    public void Parse_ExecPlugin_ThrowsSentenceSayingUnsupported()
    {
        var yaml = Kubeconfig(certData: null, keyData: null, extraUser: "    exec:\n      command: aws\n      apiVersion: client.authentication.k8s.io/v1\n");

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldBe("User 'node' in the kubeconfig /k uses an exec credential plugin, which EdgeNode does not support: give it client-certificate and client-key (or their -data forms), or a token or tokenFile.");
    }

    [Fact]
    public void Parse_ContextWithoutUser_ThrowsSentenceSayingNoCredentials()
    {
        var yaml = Kubeconfig(contextUser: null);

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, "/k"));

        error.Message.ShouldStartWith("Context 'default' in the kubeconfig /k names no user, so EdgeNode has no credentials: ");
    }

    [Fact]
    public void Parse_TokenFileMissing_ThrowsSentenceNamingFile()
    {
        var yaml = Kubeconfig(certData: null, keyData: null, extraUser: "    tokenFile: token\n");
        var path = Path.Combine(_dir.Path, "kubeconfig");

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, path));

        error.Message.ShouldStartWith($"User 'node' in the kubeconfig {path} names tokenFile {_dir.Path}/token, which cannot be read (");
    }

    [Fact]
    public void Parse_TokenFileEmpty_ThrowsSentence()
    {
        _dir.Write("token", "\n");
        var yaml = Kubeconfig(certData: null, keyData: null, extraUser: "    tokenFile: token\n");
        var path = Path.Combine(_dir.Path, "kubeconfig");

        var error = Should.Throw<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, path));

        error.Message.ShouldBe($"User 'node' in the kubeconfig {path} names tokenFile {_dir.Path}/token, which is empty: write the bearer token into it.");
    }

    // ---- what a good kubeconfig yields ----

    [Fact]
    public void Parse_EmbeddedDataForms_ResolvesServerAuthorityClientCertificateAndContext()
    {
        var yaml = Kubeconfig(tlsServerName: "kubernetes", extraContext: "    namespace: edge\n");

        var connection = KubeconfigLoader.Parse(yaml, "/etc/edgenode/kubeconfig");

        connection.Server.ShouldBe(new Uri("https://192.168.1.10:6443"));
        connection.CertificateAuthorities!.Count.ShouldBe(1);
        connection.CertificateAuthorities[0].Thumbprint.ShouldBe(Ca.Thumbprint);
        connection.ClientCertificate!.HasPrivateKey.ShouldBeTrue();
        connection.ClientCertificate.Thumbprint.ShouldBe(Client.Certificate.Thumbprint);
        connection.ClientCertificateChain.ShouldBeNull();
        connection.BearerToken.ShouldBeNull();
        connection.InsecureSkipTlsVerify.ShouldBeFalse();
        connection.TlsServerName.ShouldBe("kubernetes");
        connection.Namespace.ShouldBe("edge");
        connection.ContextName.ShouldBe("default");
        connection.Source.ShouldBe("/etc/edgenode/kubeconfig");
    }

    [Fact]
    public void LoadFile_FileForms_ResolvesPathsRelativeToKubeconfigFolder()
    {
        _dir.Write("pki/ca.crt", Ca.ExportCertificatePem());
        _dir.Write("pki/client.crt", Client.Certificate.ExportCertificatePem());
        _dir.Write("pki/client.key", TestPki.KeyPem(Client.Key));
        var path = _dir.Write("kubeconfig", Kubeconfig(caData: null, caFile: "pki/ca.crt", certData: null, certFile: "pki/client.crt", keyData: null, keyFile: "pki/client.key"));

        var connection = KubeconfigLoader.LoadFile(path);

        connection.CertificateAuthorities![0].Thumbprint.ShouldBe(Ca.Thumbprint);
        connection.ClientCertificate!.Thumbprint.ShouldBe(Client.Certificate.Thumbprint);
        connection.ClientCertificate.HasPrivateKey.ShouldBeTrue();
        connection.Source.ShouldBe(path);
    }

    [Fact]
    public void Load_KubeconfigVariable_UsedWithoutExplicitPath()
    {
        var path = _dir.Write("kubeconfig", Kubeconfig());
        var resolved = KubeconfigLoader.ResolvePath(null, $"/nope:{path}");

        var connection = KubeconfigLoader.LoadFile(resolved);

        connection.Source.ShouldBe(path);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Parse_RsaOrEcKeyInPkcs8OrTraditionalPem_LoadsCertificateWithKey(bool rsa, bool pkcs8)
    {
        var (certificate, key) = TestPki.Issue(Ca, "system:node:pi-2", server: false, rsa: rsa);
        var yaml = Kubeconfig(certData: B64(certificate.ExportCertificatePem()), keyData: B64(TestPki.KeyPem(key, pkcs8)));

        var connection = KubeconfigLoader.Parse(yaml, "/k");

        connection.ClientCertificate!.HasPrivateKey.ShouldBeTrue();
        connection.ClientCertificate.Thumbprint.ShouldBe(certificate.Thumbprint);
    }

    [Fact]
    public void Parse_ClientCertificateFollowedByIntermediate_KeepsIntermediateAsChain()
    {
        var pem = Client.Certificate.ExportCertificatePem() + "\n" + Ca.ExportCertificatePem();
        var yaml = Kubeconfig(certData: B64(pem));

        var connection = KubeconfigLoader.Parse(yaml, "/k");

        connection.ClientCertificate!.Thumbprint.ShouldBe(Client.Certificate.Thumbprint);
        connection.ClientCertificateChain!.Count.ShouldBe(1);
        connection.ClientCertificateChain[0].Thumbprint.ShouldBe(Ca.Thumbprint);
    }

    [Fact]
    public void Parse_Token_TrimmedAndNoClientCertificateNeeded()
    {
        var yaml = Kubeconfig(certData: null, keyData: null, extraUser: "    token: \" abc.def \"\n");

        var connection = KubeconfigLoader.Parse(yaml, "/k");

        connection.BearerToken.ShouldBe("abc.def");
        connection.TokenFile.ShouldBeNull();
        connection.ClientCertificate.ShouldBeNull();
    }

    [Fact]
    public void Parse_TokenFile_ReadsTokenAndKeepsFileForRefresh()
    {
        _dir.Write("secrets/token", "from-file\n");
        var path = Path.Combine(_dir.Path, "kubeconfig");
        var yaml = Kubeconfig(certData: null, keyData: null, extraUser: "    token: ignored\n    tokenFile: secrets/token\n");

        var connection = KubeconfigLoader.Parse(yaml, path);

        connection.BearerToken.ShouldBe("from-file");
        connection.TokenFile.ShouldBe(Path.Combine(_dir.Path, "secrets/token"));
    }

    [Fact]
    public void Parse_JsonKubeconfigWithNumericNamesAndUnknownFields_IsAccepted()
    {
        var json = $$$"""
            {"apiVersion":"v1","kind":"Config","preferences":{},"current-context":1,
             "clusters":[{"name":1,"cluster":{"server":"https://k3s:6443","certificate-authority-data":"{{{B64(Ca.ExportCertificatePem())}}}","extensions":[]}}],
             "contexts":[{"name":1,"context":{"cluster":1,"user":1}}],
             "users":[{"name":1,"user":{"token":"t"}}]}
            """;

        var connection = KubeconfigLoader.Parse(json, "/k");

        connection.Server.ShouldBe(new Uri("https://k3s:6443"));
        connection.ContextName.ShouldBe("1");
        connection.BearerToken.ShouldBe("t");
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>A k3s-style kubeconfig; null leaves a field out.</summary>
    private static string Kubeconfig(
        string? currentContext = "default",
        string? server = "https://192.168.1.10:6443",
        string? caData = "<ca>",
        string? caFile = null,
        bool insecure = false,
        string? tlsServerName = null,
        string? contextCluster = "default",
        string? contextUser = "node",
        string? certData = "<cert>",
        string? certFile = null,
        string? keyData = "<key>",
        string? keyFile = null,
        string extraUser = "",
        string extraContext = "")
    {
        caData = caData == "<ca>" ? B64(Ca.ExportCertificatePem()) : caData;
        certData = certData == "<cert>" ? B64(Client.Certificate.ExportCertificatePem()) : certData;
        keyData = keyData == "<key>" ? B64(TestPki.KeyPem(Client.Key)) : keyData;

        var yaml = new StringBuilder();
        yaml.Append("apiVersion: v1\nkind: Config\nclusters:\n- name: default\n  cluster:\n");
        Field(yaml, "    ", "server", server);
        Field(yaml, "    ", "certificate-authority-data", caData);
        Field(yaml, "    ", "certificate-authority", caFile);
        Field(yaml, "    ", "tls-server-name", tlsServerName);
        if (insecure)
        {
            yaml.Append("    insecure-skip-tls-verify: true\n");
        }

        yaml.Append("contexts:\n- name: default\n  context:\n");
        Field(yaml, "    ", "cluster", contextCluster);
        Field(yaml, "    ", "user", contextUser);
        yaml.Append(extraContext);
        Field(yaml, "", "current-context", currentContext);
        yaml.Append("users:\n- name: node\n  user:\n");
        Field(yaml, "    ", "client-certificate-data", certData);
        Field(yaml, "    ", "client-certificate", certFile);
        Field(yaml, "    ", "client-key-data", keyData);
        Field(yaml, "    ", "client-key", keyFile);
        yaml.Append(extraUser);
        return yaml.ToString();
    }

    private static void Field(StringBuilder yaml, string indent, string name, string? value)
    {
        if (value is not null)
        {
            yaml.Append(indent).Append(name).Append(": ").Append(value).Append('\n');
        }
    }
}
