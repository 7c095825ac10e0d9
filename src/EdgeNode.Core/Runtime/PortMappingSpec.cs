namespace EdgeNode.Core.Runtime;

public sealed record PortMappingSpec(TransportProtocol Protocol, int ContainerPort, int HostPort, string HostIp);
