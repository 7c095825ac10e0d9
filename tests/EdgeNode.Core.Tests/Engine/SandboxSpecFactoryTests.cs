using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using EdgeNode.Testing;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class SandboxSpecFactoryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgenode-sandbox-").FullName;
    private readonly string _resolvConf;

    public SandboxSpecFactoryTests()
    {
        _resolvConf = Path.Combine(_directory, "resolv.conf");
        File.WriteAllText(_resolvConf, "nameserver 192.168.1.1\nsearch lan\noptions edns0\n");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private SandboxSpecFactory Factory(Func<PodEngineOptions, PodEngineOptions>? change = null)
    {
        var options = new PodEngineOptions
        {
            NodeName = "node-1",
            RootDirectory = _directory,
            PodLogsDirectory = "/var/log/pods",
            ResolvConf = _resolvConf,
        };
        return new SandboxSpecFactory(change?.Invoke(options) ?? options, new FakePodCgroups());
    }

    private static DesiredPod Pod(Func<PodSpec, PodSpec>? change = null, string name = TestPods.Name, string? manifestPath = null)
    {
        var spec = TestPods.Spec(TestPods.Container("app"));
        return TestPods.Desired(change?.Invoke(spec) ?? spec, name: name, manifestPath: manifestPath,
            labels: new() { ["app"] = "web" }, annotations: new() { ["team"] = "edge" });
    }

    [Fact]
    public void Create_Defaults_IdentityHostnameAndLogDirectory()
    {
        // Act
        var spec = Factory().Create(Pod(), attempt: 2);

        // Assert
        spec.Name.ShouldBe("web");
        spec.Namespace.ShouldBe("default");
        spec.Uid.ShouldBe(TestPods.Uid);
        spec.Attempt.ShouldBe(2u);
        spec.Hostname.ShouldBe("web");
        spec.LogDirectory.ShouldBe($"/var/log/pods/default_web_{TestPods.Uid}");
        spec.Namespaces.Network.ShouldBe(NamespaceMode.Pod);
        spec.CgroupParent.ShouldBe($"/kubepods/besteffort/pod{TestPods.Uid}");
    }

    [Fact]
    public void Create_SpecHostname_UsedInsteadOfPodName()
    {
        // Act
        var spec = Factory().Create(Pod(s => s with { Hostname = "sensor-gw" }), 0);

        // Assert
        spec.Hostname.ShouldBe("sensor-gw");
    }

    [Fact]
    public void Create_LongPodName_HostnameTruncatedTo63WithoutTrailingDash()
    {
        // Arrange: character 63 is '-', which must not end the hostname
        var name = new string('a', 62) + "-bcdef";

        // Act
        var spec = Factory().Create(Pod(name: name), 0);

        // Assert
        spec.Hostname.ShouldBe(new string('a', 62));
    }

    [Fact]
    public void Create_HostNetwork_EmptyHostnameAndNodeNetworkNamespace()
    {
        // Act
        var spec = Factory().Create(Pod(s => s with { HostNetwork = true }), 0);

        // Assert
        spec.Hostname.ShouldBe("");
        spec.Namespaces.Network.ShouldBe(NamespaceMode.Node);
    }

    [Fact]
    public void Create_NamespaceOptions_FollowHostPidIpcAndShareProcessNamespace()
    {
        // Act
        var shared = Factory().Create(Pod(s => s with { ShareProcessNamespace = true }), 0);
        var host = Factory().Create(Pod(s => s with { HostPID = true, HostIPC = true }), 0);

        // Assert
        shared.Namespaces.Pid.ShouldBe(NamespaceMode.Pod);
        shared.Namespaces.Ipc.ShouldBe(NamespaceMode.Pod);
        host.Namespaces.Pid.ShouldBe(NamespaceMode.Node);
        host.Namespaces.Ipc.ShouldBe(NamespaceMode.Node);
    }

    [Fact]
    public void Create_PortsDeclaredTwice_MappedOnce()
    {
        // Arrange
        var web = TestPods.Container("web") with
        {
            Ports = [new ContainerPort { Number = 80, HostPort = 8080, Protocol = "TCP" }, new ContainerPort { Number = 53, Protocol = "UDP" }],
        };
        var proxy = TestPods.Container("proxy") with
        {
            Ports = [new ContainerPort { Number = 80, HostPort = 8080, Protocol = "TCP" }, new ContainerPort { Number = 9090, HostIP = "127.0.0.1" }],
        };

        // Act
        var spec = Factory().Create(Pod(s => s with { Containers = [web, proxy] }), 0);

        // Assert
        spec.PortMappings.ShouldBe(
        [
            new PortMappingSpec(TransportProtocol.Tcp, 80, 8080, ""),
            new PortMappingSpec(TransportProtocol.Udp, 53, 0, ""),
            new PortMappingSpec(TransportProtocol.Tcp, 9090, 0, "127.0.0.1"),
        ]);
    }

    [Fact]
    public void Create_NoClusterDns_UsesHostResolvConf()
    {
        // Act
        var dns = Factory().Create(Pod(), 0).Dns!;

        // Assert
        dns.Servers.ShouldBe(["192.168.1.1"]);
        dns.Searches.ShouldBe(["lan"]);
        dns.Options.ShouldBe(["edns0"]);
    }

    [Fact]
    public void Create_ClusterFirstWithClusterDns_ClusterServersAndSearches()
    {
        // Arrange
        var factory = Factory(o => o with { ClusterDns = ["10.43.0.10"], ClusterDomain = "cluster.local" });

        // Act
        var dns = factory.Create(Pod(), 0).Dns!;

        // Assert
        dns.Servers.ShouldBe(["10.43.0.10"]);
        dns.Searches.ShouldBe(["default.svc.cluster.local", "svc.cluster.local", "cluster.local", "lan"]);
        dns.Options.ShouldBe(["ndots:5"]);
    }

    [Fact]
    public void Create_HostNetworkWithClusterFirst_UsesHostResolvConf()
    {
        // Arrange
        var factory = Factory(o => o with { ClusterDns = ["10.43.0.10"], ClusterDomain = "cluster.local" });

        // Act
        var dns = factory.Create(Pod(s => s with { HostNetwork = true }), 0).Dns!;

        // Assert
        dns.Servers.ShouldBe(["192.168.1.1"]);
    }

    [Fact]
    public void Create_DnsPolicyNone_OnlyDnsConfig()
    {
        // Arrange
        var config = new PodDnsConfig
        {
            Nameservers = ["9.9.9.9"],
            Searches = ["example.org"],
            Options = [new PodDnsConfigOption { Name = "ndots", Value = "1" }, new PodDnsConfigOption { Name = "rotate" }],
        };

        // Act
        var dns = Factory().Create(Pod(s => s with { DnsPolicy = "None", DnsConfig = config }), 0).Dns!;

        // Assert
        dns.Servers.ShouldBe(["9.9.9.9"]);
        dns.Searches.ShouldBe(["example.org"]);
        dns.Options.ShouldBe(["ndots:1", "rotate"]);
    }

    [Fact]
    public void Create_LabelsAndAnnotations_PodOnesPlusIdentityManagedAndManifestPath()
    {
        // Act
        var spec = Factory().Create(Pod(manifestPath: "/etc/edgenode/pods/web.yaml"), 0);

        // Assert
        spec.Labels.ShouldBe(new Dictionary<string, string>
        {
            ["app"] = "web",
            ["io.kubernetes.pod.name"] = "web",
            ["io.kubernetes.pod.namespace"] = "default",
            ["io.kubernetes.pod.uid"] = TestPods.Uid,
            ["edgenode.io/managed"] = "true",
        }, ignoreOrder: true);
        spec.Annotations.ShouldBe(new Dictionary<string, string>
        {
            ["team"] = "edge",
            ["edgenode.io/manifest-path"] = "/etc/edgenode/pods/web.yaml",
        }, ignoreOrder: true);
    }

    [Fact]
    public void Create_NoManifestPath_NoManifestAnnotation()
    {
        // Act
        var spec = Factory().Create(Pod(), 0);

        // Assert
        spec.Annotations.ShouldNotContainKey("edgenode.io/manifest-path");
    }

    [Fact]
    public void Create_PodSecurity_SysctlsGroupsAndPrivileged()
    {
        // Arrange
        var privileged = TestPods.Container("init") with { SecurityContext = new SecurityContext { Privileged = true } };

        // Act
        var spec = Factory().Create(Pod(s => s with
        {
            InitContainers = [privileged],
            SecurityContext = new PodSecurityContext
            {
                RunAsUser = 1000,
                RunAsGroup = 1000,
                FsGroup = 2000,
                SupplementalGroups = [3000, 2000],
                Sysctls = [new Sysctl { Name = "net/ipv4/ip_unprivileged_port_start", Value = "0" }],
            },
        }), 0);

        // Assert
        spec.Privileged.ShouldBeTrue();
        spec.RunAsUser.ShouldBe(1000);
        spec.RunAsGroup.ShouldBe(1000);
        spec.SupplementalGroups.ShouldBe([3000, 2000]);
        spec.Sysctls.ShouldBe(new Dictionary<string, string> { ["net.ipv4.ip_unprivileged_port_start"] = "0" });
    }

    [Fact]
    public void SupplementalGroups_FsGroupNotListed_ComesFirst()
    {
        // Act
        var groups = SandboxSpecFactory.SupplementalGroups(new PodSpec { SecurityContext = new PodSecurityContext { FsGroup = 2000, SupplementalGroups = [3000] } });

        // Assert
        groups.ShouldBe([2000, 3000]);
    }

    [Theory]
    [InlineData("UDP", TransportProtocol.Udp)]
    [InlineData("SCTP", TransportProtocol.Sctp)]
    [InlineData("TCP", TransportProtocol.Tcp)]
    [InlineData(null, TransportProtocol.Tcp)]
    public void Protocol_ApiName_MapsToTransport(string? protocol, TransportProtocol expected) =>
        SandboxSpecFactory.Protocol(protocol).ShouldBe(expected);
}
