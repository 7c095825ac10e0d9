using EdgeNode.Core.Runtime;
using EdgeNode.Cri.Mapping;
using Shouldly;

namespace EdgeNode.Cri.Tests.Mapping;

public sealed class SandboxMapperTests
{
    private static readonly SandboxSpec Spec = new()
    {
        Name = "web",
        Namespace = "default",
        Uid = "0b5c6a4e-1111-2222-3333-444455556666",
        Attempt = 2,
        Hostname = "web",
        LogDirectory = "/var/log/pods/default_web_0b5c6a4e",
        Dns = new DnsSettings(["10.0.0.10"], ["default.svc.cluster.local"], ["ndots:5"]),
        PortMappings = [new PortMappingSpec(TransportProtocol.Udp, 53, 5353, "127.0.0.1")],
        Labels = new Dictionary<string, string> { ["io.kubernetes.pod.name"] = "web" },
        Annotations = new Dictionary<string, string> { ["kubernetes.io/config.source"] = "file" },
        CgroupParent = "/kubepods/besteffort/pod0b5c6a4e",
        Namespaces = new NamespaceModes { Network = NamespaceMode.Node, Pid = NamespaceMode.Pod, Ipc = NamespaceMode.Node },
        RunAsUser = 1000,
        SupplementalGroups = [44, 45],
        Privileged = true,
        Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_unprivileged_port_start"] = "0" },
    };

    [Fact]
    public void ToConfig_FullSpec_MapsMetadataAndPlainFields()
    {
        var config = SandboxMapper.ToConfig(Spec);

        config.Metadata.Name.ShouldBe("web");
        config.Metadata.Namespace.ShouldBe("default");
        config.Metadata.Uid.ShouldBe(Spec.Uid);
        config.Metadata.Attempt.ShouldBe(2u);
        config.Hostname.ShouldBe("web");
        config.LogDirectory.ShouldBe(Spec.LogDirectory);
        config.Labels.ShouldBe(Spec.Labels);
        config.Annotations.ShouldBe(Spec.Annotations);
    }

    [Fact]
    public void ToConfig_FullSpec_MapsDnsAndPorts()
    {
        var config = SandboxMapper.ToConfig(Spec);

        config.DnsConfig.Servers.ShouldBe(["10.0.0.10"]);
        config.DnsConfig.Searches.ShouldBe(["default.svc.cluster.local"]);
        config.DnsConfig.Options.ShouldBe(["ndots:5"]);
        var port = config.PortMappings.ShouldHaveSingleItem();
        port.Protocol.ShouldBe(V1.Protocol.Udp);
        port.ContainerPort.ShouldBe(53);
        port.HostPort.ShouldBe(5353);
        port.HostIp.ShouldBe("127.0.0.1");
    }

    [Fact]
    public void ToConfig_FullSpec_MapsLinuxSecurityAndNamespaces()
    {
        var linux = SandboxMapper.ToConfig(Spec).Linux;

        linux.CgroupParent.ShouldBe("/kubepods/besteffort/pod0b5c6a4e");
        linux.Sysctls.ShouldBe(Spec.Sysctls);
        var security = linux.SecurityContext;
        security.NamespaceOptions.Network.ShouldBe(V1.NamespaceMode.Node);
        security.NamespaceOptions.Pid.ShouldBe(V1.NamespaceMode.Pod);
        security.NamespaceOptions.Ipc.ShouldBe(V1.NamespaceMode.Node);
        security.RunAsUser.Value.ShouldBe(1000);
        security.RunAsGroup.ShouldBeNull();
        security.SupplementalGroups.ShouldBe([44L, 45L]);
        security.Privileged.ShouldBeTrue();
    }

    [Fact]
    public void ToConfig_NoDns_LeavesDnsConfigUnset()
    {
        var config = SandboxMapper.ToConfig(Spec with { Dns = null });

        config.DnsConfig.ShouldBeNull();
    }

    [Fact]
    public void ToFilter_NoOrEmptySelector_ReturnsNull()
    {
        SandboxMapper.ToFilter(null).ShouldBeNull();
        SandboxMapper.ToFilter(new Dictionary<string, string>()).ShouldBeNull();
    }

    [Fact]
    public void ToFilter_Selector_SetsLabelSelector()
    {
        var filter = SandboxMapper.ToFilter(new Dictionary<string, string> { ["edgenode.io/managed"] = "true" });

        filter!.LabelSelector.ShouldBe(new Dictionary<string, string> { ["edgenode.io/managed"] = "true" });
    }

    [Fact]
    public void ToInfo_ListedSandbox_MapsMetadataStateAndTime()
    {
        var sandbox = new V1.PodSandbox
        {
            Id = "sb1",
            Metadata = new V1.PodSandboxMetadata { Name = "web", Namespace = "default", Uid = "u1", Attempt = 1 },
            State = V1.PodSandboxState.SandboxNotready,
            CreatedAt = 1_000_000_000,
            Labels = { ["a"] = "b" },
            Annotations = { ["c"] = "d" },
        };

        var info = SandboxMapper.ToInfo(sandbox);

        info.Id.ShouldBe("sb1");
        info.Name.ShouldBe("web");
        info.Namespace.ShouldBe("default");
        info.Uid.ShouldBe("u1");
        info.Attempt.ShouldBe(1u);
        info.State.ShouldBe(SandboxState.NotReady);
        info.CreatedAt.ShouldBe(DateTimeOffset.UnixEpoch.AddSeconds(1));
        info.Labels.ShouldBe(new Dictionary<string, string> { ["a"] = "b" });
        info.Annotations.ShouldBe(new Dictionary<string, string> { ["c"] = "d" });
    }

    [Fact]
    public void ToStatusInfo_PodNetwork_MapsIpsAndNetworkMode()
    {
        var status = new V1.PodSandboxStatus
        {
            Id = "sb1",
            Metadata = new V1.PodSandboxMetadata { Name = "web", Namespace = "default", Uid = "u1" },
            State = V1.PodSandboxState.SandboxReady,
            Network = new V1.PodSandboxNetworkStatus { Ip = "10.89.1.5", AdditionalIps = { new V1.PodIP { Ip = "fd00::5" } } },
            Linux = new V1.LinuxPodSandboxStatus
            {
                Namespaces = new V1.Namespace { Options = new V1.NamespaceOption { Network = V1.NamespaceMode.Node } },
            },
        };

        var info = SandboxMapper.ToStatusInfo(status);

        info.Sandbox.Id.ShouldBe("sb1");
        info.Sandbox.State.ShouldBe(SandboxState.Ready);
        info.Ip.ShouldBe("10.89.1.5");
        info.AdditionalIps.ShouldBe(["fd00::5"]);
        info.NetworkMode.ShouldBe(NamespaceMode.Node);
    }

    [Fact]
    public void ToStatusInfo_NoNetworkOrLinux_EmptyIpAndPodNetwork()
    {
        var info = SandboxMapper.ToStatusInfo(new V1.PodSandboxStatus { Id = "sb1" });

        info.Ip.ShouldBe("");
        info.AdditionalIps.ShouldBeEmpty();
        info.NetworkMode.ShouldBe(NamespaceMode.Pod);
        info.Sandbox.Name.ShouldBe("");
    }
}
