using EdgeNode.Core.Runtime;

namespace EdgeNode.Cri.Mapping;

internal static class SandboxMapper
{
    public static V1.PodSandboxConfig ToConfig(SandboxSpec spec)
    {
        var securityContext = new V1.LinuxSandboxSecurityContext
        {
            NamespaceOptions = CommonMapper.ToNamespaceOption(spec.Namespaces),
            RunAsUser = CommonMapper.ToInt64Value(spec.RunAsUser),
            RunAsGroup = CommonMapper.ToInt64Value(spec.RunAsGroup),
            SupplementalGroups = { spec.SupplementalGroups },
            Privileged = spec.Privileged,
        };
        var linux = new V1.LinuxPodSandboxConfig { CgroupParent = spec.CgroupParent, SecurityContext = securityContext };
        CommonMapper.CopyInto(linux.Sysctls, spec.Sysctls);

        var config = new V1.PodSandboxConfig
        {
            Metadata = new V1.PodSandboxMetadata { Name = spec.Name, Namespace = spec.Namespace, Uid = spec.Uid, Attempt = spec.Attempt },
            Hostname = spec.Hostname,
            LogDirectory = spec.LogDirectory,
            DnsConfig = spec.Dns is { } dns ? ToDnsConfig(dns) : null,
            PortMappings = { spec.PortMappings.Select(ToPortMapping) },
            Linux = linux,
        };
        CommonMapper.CopyInto(config.Labels, spec.Labels);
        CommonMapper.CopyInto(config.Annotations, spec.Annotations);
        return config;
    }

    public static V1.PodSandboxFilter? ToFilter(IReadOnlyDictionary<string, string>? labelSelector)
    {
        if (labelSelector is null || labelSelector.Count == 0)
        {
            return null;
        }

        var filter = new V1.PodSandboxFilter();
        CommonMapper.CopyInto(filter.LabelSelector, labelSelector);
        return filter;
    }

    public static SandboxInfo ToInfo(V1.PodSandbox sandbox) =>
        ToInfo(sandbox.Id, sandbox.Metadata, sandbox.State, sandbox.CreatedAt, sandbox.Labels, sandbox.Annotations);

    // PodSandbox (list) and PodSandboxStatus carry the same fields under two message types.
    private static SandboxInfo ToInfo(
        string id, V1.PodSandboxMetadata? metadata, V1.PodSandboxState state, long createdAt,
        Google.Protobuf.Collections.MapField<string, string> labels, Google.Protobuf.Collections.MapField<string, string> annotations) => new()
    {
        Id = id,
        Name = metadata?.Name ?? "",
        Namespace = metadata?.Namespace ?? "",
        Uid = metadata?.Uid ?? "",
        Attempt = metadata?.Attempt ?? 0,
        State = ToDomain(state),
        CreatedAt = CommonMapper.FromUnixNanos(createdAt),
        Labels = CommonMapper.ToDictionary(labels),
        Annotations = CommonMapper.ToDictionary(annotations),
    };

    public static SandboxStatusInfo ToStatusInfo(V1.PodSandboxStatus status) => new()
    {
        Sandbox = ToInfo(status.Id, status.Metadata, status.State, status.CreatedAt, status.Labels, status.Annotations),
        Ip = status.Network?.Ip ?? "",
        AdditionalIps = status.Network?.AdditionalIps.Select(ip => ip.Ip).ToArray() ?? [],
        NetworkMode = CommonMapper.ToDomain(status.Linux?.Namespaces?.Options?.Network ?? V1.NamespaceMode.Pod),
    };

    private static V1.DNSConfig ToDnsConfig(DnsSettings dns) => new()
    {
        Servers = { dns.Servers },
        Searches = { dns.Searches },
        Options = { dns.Options },
    };

    private static V1.PortMapping ToPortMapping(PortMappingSpec port) => new()
    {
        Protocol = port.Protocol switch
        {
            TransportProtocol.Tcp => V1.Protocol.Tcp,
            TransportProtocol.Udp => V1.Protocol.Udp,
            TransportProtocol.Sctp => V1.Protocol.Sctp,
            _ => throw new ArgumentOutOfRangeException(nameof(port), port.Protocol, "unknown protocol"),
        },
        ContainerPort = port.ContainerPort,
        HostPort = port.HostPort,
        HostIp = port.HostIp,
    };

    private static SandboxState ToDomain(V1.PodSandboxState state) =>
        state == V1.PodSandboxState.SandboxReady ? SandboxState.Ready : SandboxState.NotReady;
}
