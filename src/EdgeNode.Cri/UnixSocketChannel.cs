using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;

namespace EdgeNode.Cri;

/// <summary>A gRPC channel speaking plain HTTP/2 over a unix socket, as containerd serves CRI.</summary>
internal static class UnixSocketChannel
{
    /// <summary>The kubelet's limit; large ListContainers/ListImages answers exceed gRPC's 4 MiB default.</summary>
    private const int MaxReceiveMessageBytes = 16 * 1024 * 1024;

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public static GrpcChannel Create(string socketPath)
    {
        var endPoint = new UnixDomainSocketEndPoint(socketPath);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, cancellationToken) => ConnectAsync(endPoint, cancellationToken),
            ConnectTimeout = ConnectTimeout,
        };

        // The authority is never resolved: every connection goes through ConnectCallback.
        return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = MaxReceiveMessageBytes,
        });
    }

    private static async ValueTask<Stream> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
