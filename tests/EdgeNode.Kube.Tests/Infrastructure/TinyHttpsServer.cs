using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EdgeNode.Kube.Tests.Infrastructure;

/// <summary>
/// A real HTTPS/1.1 server on 127.0.0.1 (TcpListener + SslStream) that requires a client certificate signed by
/// the given client CA, records who connected and what they asked, and answers every request with the given
/// JSON. One request per connection (Connection: close).
/// </summary>
internal sealed class TinyHttpsServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _serverCertificate;
    private readonly X509Certificate2 _clientCa;
    private readonly string _json;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TinyHttpsServer(X509Certificate2 serverCertificate, X509Certificate2 clientCa, string json)
    {
        _serverCertificate = serverCertificate;
        _clientCa = clientCa;
        _json = json;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Url => new($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Subjects of the client certificates presented in completed handshakes.</summary>
    public ConcurrentQueue<string> ClientSubjects { get; } = new();

    /// <summary>The request lines (e.g. <c>GET /api/v1/… HTTP/1.1</c>) and their headers.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Handshakes that failed on the server side, with the reason.</summary>
    public ConcurrentQueue<string> HandshakeFailures { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            await using var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
            var trust = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            trust.CustomTrustStore.Add(_clientCa);
            try
            {
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = SslStreamCertificateContext.Create(_serverCertificate, null, offline: true),
                    ClientCertificateRequired = true,
                    CertificateChainPolicy = trust,
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                        certificate is not null && errors == SslPolicyErrors.None,
                }, _stop.Token);
            }
            catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
            {
                HandshakeFailures.Enqueue(e.Message);
                return;
            }

            ClientSubjects.Enqueue(ssl.RemoteCertificate?.Subject ?? "(none)");
            var head = await ReadHeadAsync(ssl);
            Requests.Enqueue(head);
            var body = Encoding.UTF8.GetBytes(_json);
            var response = Encoding.ASCII.GetBytes(
                $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            await ssl.WriteAsync(response);
            await ssl.WriteAsync(body);
            await ssl.FlushAsync();
        }
    }

    private static async Task<string> ReadHeadAsync(Stream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer) == 0)
            {
                break;
            }

            head.Append((char)buffer[0]);
        }

        return head.ToString();
    }
}
