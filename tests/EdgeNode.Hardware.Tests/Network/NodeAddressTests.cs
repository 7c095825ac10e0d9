using EdgeNode.Hardware.Network;
using Shouldly;

namespace EdgeNode.Hardware.Tests.Network;

public sealed class NodeAddressTests : IDisposable
{
    private readonly FixtureTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void DefaultRouteInterface_RouteTable_FindsTheZeroDestination()
    {
        _tree.With("route", "Iface\tDestination\tGateway\tFlags\n" +
            "eth0\t0000A8C0\t00000000\t0001\n" +
            "wlan0\t00000000\t0101A8C0\t0003\n");

        NodeAddress.DefaultRouteInterface(Path.Combine(_tree.Root, "route")).ShouldBe("wlan0");
    }

    [Fact]
    public void DefaultRouteInterface_NoDefaultRoute_GivesNull()
    {
        _tree.With("route", "Iface\tDestination\tGateway\tFlags\neth0\t0000A8C0\t00000000\t0001\n");

        NodeAddress.DefaultRouteInterface(Path.Combine(_tree.Root, "route")).ShouldBeNull();
    }

    [Fact]
    public void Detect_ThisMachine_GivesAnIpAddress() =>
        System.Net.IPAddress.TryParse(NodeAddress.Detect(), out _).ShouldBeTrue();
}
