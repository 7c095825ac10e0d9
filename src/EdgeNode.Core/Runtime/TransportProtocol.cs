namespace EdgeNode.Core.Runtime;

public enum TransportProtocol
{
    Tcp,
    Udp,
    Sctp,
}
