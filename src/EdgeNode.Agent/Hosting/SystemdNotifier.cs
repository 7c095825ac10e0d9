using System.Net.Sockets;
using System.Text;

namespace EdgeNode.Agent.Hosting;

/// <summary>sd_notify(3): tells systemd (Type=notify units) that the agent is ready; a no-op outside systemd.</summary>
internal static class SystemdNotifier
{
    public static bool Notify(string state)
    {
        var socketPath = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        if (string.IsNullOrEmpty(socketPath))
        {
            return false;
        }
        // A leading '@' names an abstract socket.
        var endpoint = new UnixDomainSocketEndPoint(socketPath[0] == '@' ? "\0" + socketPath[1..] : socketPath);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Connect(endpoint);
        socket.Send(Encoding.UTF8.GetBytes(state));
        return true;
    }
}
