using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using EdgeNode.Agent.Configuration;
using EdgeNode.Core.Engine;
using Microsoft.Extensions.Logging;

namespace EdgeNode.Agent.Status;

/// <summary>
/// The agent's local status endpoint: plain HTTP/1.1 on a unix socket (root-only file mode), serving
/// <c>GET /healthz</c> and <c>GET /pods</c> (the agent's pod reports as JSON) for `edgenode pods`.
/// </summary>
internal sealed partial class StatusServer(string socketPath, PodStatusStore store, ILogger logger) : IAsyncDisposable
{
    private const int MaxRequestBytes = 8192;
    private readonly CancellationTokenSource _stop = new();
    private Socket? _listener;
    private Task? _acceptLoop;

    public void Start()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(socketPath)!);
        if (File.Exists(socketPath))
        {
            File.Delete(socketPath); // left behind by a previous (killed) agent
        }
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _listener.Listen(16);
        _acceptLoop = AcceptAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener?.Dispose();
        if (_acceptLoop is not null)
        {
            try
            {
                await _acceptLoop;
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }
        }
        File.Delete(socketPath);
        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await _listener!.AcceptAsync(cancellationToken);
            _ = ServeAsync(client, cancellationToken);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        using var _ = client;
        try
        {
            var path = await ReadRequestPathAsync(client, cancellationToken);
            var (status, contentType, body) = path switch
            {
                "/healthz" => ("200 OK", "text/plain", "ok"u8.ToArray()),
                "/pods" => ("200 OK", "application/json", JsonSerializer.SerializeToUtf8Bytes(store.Snapshot().ToList(), AgentJsonContext.Default.ListPodReport)),
                null => ("400 Bad Request", "text/plain", "bad request"u8.ToArray()),
                _ => ("404 Not Found", "text/plain", "not found"u8.ToArray()),
            };
            var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            await client.SendAsync(head, cancellationToken);
            await client.SendAsync(body, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            LogClientFailed(logger, e.Message);
        }
    }

    private static async Task<string?> ReadRequestPathAsync(Socket client, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestBytes];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await client.ReceiveAsync(buffer.AsMemory(total), cancellationToken);
            if (read == 0)
            {
                break;
            }
            total += read;
            if (buffer.AsSpan(0, total).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }
        var requestLine = Encoding.ASCII.GetString(buffer, 0, total).Split("\r\n")[0].Split(' ');
        return requestLine is ["GET", var target, ..] ? target.Split('?')[0] : null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Status request failed: {Error}")]
    private static partial void LogClientFailed(ILogger logger, string error);
}
