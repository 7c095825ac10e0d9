using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace EdgeNode.Hardware.Network;

/// <summary>
/// The node's IP when --node-ip is not given: the IPv4 address of the interface that holds the default
/// route (from /proc/net/route), else the first non-loopback IPv4 address, else 127.0.0.1.
/// </summary>
public static class NodeAddress
{
    public static string Detect(string procRoot = "/proc")
    {
        var defaultInterface = DefaultRouteInterface(Path.Combine(procRoot, "net", "route"));
        var addresses = NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus != OperationalStatus.Down)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses.Select(a => (Interface: i.Name, a.Address)))
            .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a.Address))
            .ToList();
        var preferred = addresses.FirstOrDefault(a => a.Interface == defaultInterface);
        return (preferred.Address ?? addresses.FirstOrDefault().Address ?? IPAddress.Loopback).ToString();
    }

    internal static string? DefaultRouteInterface(string routeFile)
    {
        if (!File.Exists(routeFile))
        {
            return null;
        }
        foreach (var line in File.ReadLines(routeFile).Skip(1))
        {
            var fields = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (fields.Length > 2 && uint.TryParse(fields[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var destination) && destination == 0)
            {
                return fields[0];
            }
        }
        return null;
    }
}
