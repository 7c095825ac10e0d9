using System.Net.Sockets;
using System.Text.Json;
using EdgeNode.Agent.Configuration;
using EdgeNode.Core.Engine;

namespace EdgeNode.Agent.Status;

/// <summary>Reads the running agent's pod reports from its status socket.</summary>
internal static class StatusClient
{
    /// <summary>The agent's pod reports, or null when no agent answers on <paramref name="socketPath"/>.</summary>
    public static async Task<List<PodReport>?> GetPodsAsync(string socketPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!File.Exists(socketPath))
        {
            return null;
        }
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var http = new HttpClient(handler) { Timeout = timeout };
        try
        {
            await using var stream = await http.GetStreamAsync("http://edgenode/pods", cancellationToken);
            return await JsonSerializer.DeserializeAsync(stream, AgentJsonContext.Default.ListPodReport, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
