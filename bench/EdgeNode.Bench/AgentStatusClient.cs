using System.Net.Sockets;
using System.Text.Json;

namespace EdgeNode.Bench;

/// <summary>Asks the agent's status socket (<c>&lt;root-dir&gt;/edgenode.sock</c>, <c>GET /pods</c>) whether a pod is Ready.</summary>
public sealed class AgentStatusClient : IDisposable
{
    private readonly HttpClient http;

    public AgentStatusClient(string rootDir)
    {
        SocketPath = Path.Combine(rootDir, "edgenode.sock");
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        http = new HttpClient(handler) { BaseAddress = new Uri("http://edgenode/"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public string SocketPath { get; }

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("healthz", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>True when the agent reports the pod (its full name, <c>&lt;name&gt;-&lt;node&gt;</c>) with condition Ready=True.</summary>
    public async Task<bool> IsReadyAsync(string podFullName, CancellationToken cancellationToken)
    {
        await using var stream = await http.GetStreamAsync("pods", cancellationToken);
        using var pods = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        foreach (var pod in pods.RootElement.EnumerateArray())
        {
            if (pod.GetProperty("name").GetString() != podFullName)
            {
                continue;
            }
            return pod.TryGetProperty("status", out var status)
                && status.TryGetProperty("conditions", out var conditions)
                && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");
        }
        return false;
    }

    public void Dispose() => http.Dispose();
}
