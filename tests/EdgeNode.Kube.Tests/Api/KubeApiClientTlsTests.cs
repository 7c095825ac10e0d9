using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EdgeNode.Kube.Api;
using EdgeNode.Kube.Config;
using EdgeNode.Kube.Models;
using EdgeNode.Kube.Tests.Infrastructure;
using Shouldly;

namespace EdgeNode.Kube.Tests.Api;

/// <summary>Against a real TLS server on 127.0.0.1: client certificate, custom CA trust, host names.</summary>
public sealed class KubeApiClientTlsTests
{
    private const string NodeJson = """{"apiVersion":"v1","kind":"Node","metadata":{"name":"pi-1","resourceVersion":"7"}}""";

    private static readonly X509Certificate2 ClusterCa = TestPki.CreateCa("cluster-ca");
    private static readonly X509Certificate2 OtherCa = TestPki.CreateCa("other-ca");
    private static readonly (X509Certificate2 Certificate, AsymmetricAlgorithm Key) NodeClient =
        TestPki.Issue(ClusterCa, "system:node:pi-1", server: false, organization: "system:nodes");

    [Fact]
    public async Task GetAsync_ServerRequiresClientCertificate_PresentsCertificateAndTrustsKubeconfigCa()
    {
        await using var server = new TinyHttpsServer(ServerCertificate(ClusterCa, addresses: [IPAddress.Loopback]), ClusterCa, NodeJson);
        using var client = new KubeApiClient(Connection(server.Url));

        var node = await client.GetAsync("/api/v1/nodes/pi-1", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken);

        node!.Metadata.Name.ShouldBe("pi-1");
        server.ClientSubjects.ShouldBe(["CN=system:node:pi-1, O=system:nodes"]);
        var request = server.Requests.ShouldHaveSingleItem();
        request.ShouldStartWith("GET /api/v1/nodes/pi-1 HTTP/1.1\r\n");
        request.ShouldContain("User-Agent: edgenode/");
        request.ShouldContain("Accept: application/json");
    }

    [Fact]
    public async Task GetAsync_ServerCertificateFromAnotherCa_ThrowsUnreachableSentenceNamingKubeconfigCa()
    {
        await using var server = new TinyHttpsServer(ServerCertificate(OtherCa, addresses: [IPAddress.Loopback]), ClusterCa, NodeJson);
        using var client = new KubeApiClient(Connection(server.Url));

        var error = await Should.ThrowAsync<KubeApiException>(() =>
            client.GetAsync("/api/v1/nodes/pi-1", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(KubeApiErrorKind.Unreachable);
        error.Message.ShouldBe(
            $"The API server at {server.Url} is unreachable: its certificate (CN=kube-apiserver, issued by CN=other-ca) is not signed by " +
            "the certificate authority in the kubeconfig /etc/edgenode/kubeconfig: put the cluster's CA there as certificate-authority-data, or fix the server URL.");
    }

    [Fact]
    public async Task GetAsync_CertificateOnlyForTlsServerName_AcceptsIt()
    {
        await using var server = new TinyHttpsServer(ServerCertificate(ClusterCa, dnsNames: ["kubernetes"]), ClusterCa, NodeJson);
        using var client = new KubeApiClient(Connection(server.Url, tlsServerName: "kubernetes"));

        var node = await client.GetAsync("/api/v1/nodes/pi-1", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken);

        node!.Metadata.ResourceVersion.ShouldBe("7");
    }

    [Fact]
    public async Task GetAsync_CertificateNotForHost_ThrowsSentenceSuggestingTlsServerName()
    {
        await using var server = new TinyHttpsServer(ServerCertificate(ClusterCa, dnsNames: ["kubernetes"]), ClusterCa, NodeJson);
        using var client = new KubeApiClient(Connection(server.Url));

        var error = await Should.ThrowAsync<KubeApiException>(() =>
            client.GetAsync("/api/v1/nodes/pi-1", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken));

        error.Message.ShouldBe(
            $"The API server at {server.Url} is unreachable: its certificate (CN=kube-apiserver, issued by CN=cluster-ca) is not valid for the host " +
            "'127.0.0.1': use an address the certificate names in the kubeconfig /etc/edgenode/kubeconfig, or set tls-server-name.");
    }

    [Fact]
    public async Task GetAsync_NothingListening_ThrowsConnectionRefusedSentence()
    {
        var port = FreePort();
        using var client = new KubeApiClient(Connection(new Uri($"https://127.0.0.1:{port}/")));

        var error = await Should.ThrowAsync<KubeApiException>(() =>
            client.GetAsync("/api/v1/nodes/pi-1", KubeJsonContext.Default.Node, TestContext.Current.CancellationToken));

        error.Message.ShouldBe($"The API server at https://127.0.0.1:{port}/ is unreachable: the connection was refused (is the API server running and the port right?).");
    }

    private static X509Certificate2 ServerCertificate(X509Certificate2 ca, string[]? dnsNames = null, IPAddress[]? addresses = null)
    {
        var (certificate, key) = TestPki.Issue(ca, "kube-apiserver", server: true, dnsNames, addresses);
        return TestPki.WithKey(certificate, key);
    }

    /// <summary>Goes through the real kubeconfig loader with embedded data, as a node's kubeconfig would.</summary>
    private static KubeConnection Connection(Uri server, string? tlsServerName = null)
    {
        static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        var yaml = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: default
              cluster:
                server: {server}
                certificate-authority-data: {B64(ClusterCa.ExportCertificatePem())}
            {(tlsServerName is null ? "" : $"    tls-server-name: {tlsServerName}")}
            contexts:
            - name: default
              context: {"{"}cluster: default, user: node{"}"}
            current-context: default
            users:
            - name: node
              user:
                client-certificate-data: {B64(NodeClient.Certificate.ExportCertificatePem())}
                client-key-data: {B64(TestPki.KeyPem(NodeClient.Key))}
            """;
        return KubeconfigLoader.Parse(yaml, "/etc/edgenode/kubeconfig");
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
