using System.Text.Json;
using EdgeNode.Core.Engine;
using EdgeNode.Core.Json;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class ContainerSpecFactoryTests
{
    private static readonly PodEngineOptions Options = new()
    {
        NodeName = "node-1",
        NodeIp = "192.168.1.10",
        RootDirectory = "/var/lib/edgenode",
        NodeMemoryCapacityBytes = 8L * 1024 * 1024 * 1024,
        NodeCpuCount = 4,
    };

    private static readonly ImageInfo Image = new() { Id = "sha256:1234" };

    private readonly ContainerSpecFactory _factory = new(Options);

    private static ContainerStartContext Context(
        int restartCount = 0, ImageInfo? image = null, IReadOnlyDictionary<string, string>? volumes = null,
        string etcHosts = "/var/lib/edgenode/pods/uid/etc-hosts", string terminationFile = "", string podIp = "10.88.0.5") =>
        new(restartCount, image ?? Image, volumes ?? new Dictionary<string, string>(), etcHosts, terminationFile, podIp);

    private static DesiredPod Pod(Container container, Func<PodSpec, PodSpec>? change = null)
    {
        var spec = TestPods.Spec(container);
        return TestPods.Desired(change?.Invoke(spec) ?? spec, labels: new() { ["app"] = "web" }, annotations: new() { ["team"] = "edge" });
    }

    private static EnvVar Env(string name, string value) => new() { Name = name, Value = value };

    private static EnvVar Field(string name, string path) => new() { Name = name, ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = path } } };

    [Fact]
    public void Create_Basics_NameImageAttemptAndLogPath()
    {
        // Arrange
        var container = TestPods.Container("app", "nginx:1.27") with { WorkingDir = "/srv", Tty = true };

        // Act
        var spec = _factory.Create(Pod(container), container, Context(restartCount: 3));

        // Assert
        spec.Name.ShouldBe("app");
        spec.Image.ShouldBe("sha256:1234");
        spec.UserSpecifiedImage.ShouldBe("nginx:1.27");
        spec.Attempt.ShouldBe(3u);
        spec.LogPath.ShouldBe("app/3.log");
        spec.WorkingDir.ShouldBe("/srv");
        spec.Tty.ShouldBeTrue();
        spec.Stdin.ShouldBeFalse();
    }

    [Fact]
    public void Create_EnvWithReferences_KeepsSpecOrderAndExpandsEarlierVariables()
    {
        // Arrange
        var container = TestPods.Container("app") with
        {
            Env = [Env("HOST", "db"), Env("URL", "http://$(HOST):$(PORT)/"), Env("PORT", "80"), Env("LITERAL", "$$(HOST)")],
        };

        // Act
        var spec = _factory.Create(Pod(container), container, Context());

        // Assert
        spec.Env.Select(e => e.Key).ShouldBe(["HOST", "URL", "PORT", "LITERAL"]);
        spec.Env.Single(e => e.Key == "URL").Value.ShouldBe("http://db:$(PORT)/");
        spec.Env.Single(e => e.Key == "LITERAL").Value.ShouldBe("$(HOST)");
    }

    [Fact]
    public void Create_DuplicateEnvName_LastValueAtFirstPosition()
    {
        // Arrange
        var container = TestPods.Container("app") with { Env = [Env("A", "1"), Env("B", "2"), Env("A", "3")] };

        // Act
        var spec = _factory.Create(Pod(container), container, Context());

        // Assert
        spec.Env.ShouldBe([new("A", "3"), new("B", "2")]);
    }

    [Fact]
    public void Create_FieldRefs_ResolvedFromPodAndNode()
    {
        // Arrange
        var container = TestPods.Container("app") with
        {
            Env =
            [
                Field("POD_NAME", "metadata.name"), Field("POD_NAMESPACE", "metadata.namespace"), Field("POD_UID", "metadata.uid"),
                Field("NODE", "spec.nodeName"), Field("POD_IP", "status.podIP"), Field("HOST_IP", "status.hostIP"),
                Field("APP", "metadata.labels['app']"), Field("TEAM", "metadata.annotations['team']"), Field("NONE", "metadata.labels['none']"),
            ],
        };

        // Act
        var env = _factory.Create(Pod(container), container, Context(podIp: "10.88.0.9")).Env.ToDictionary();

        // Assert
        env["POD_NAME"].ShouldBe("web");
        env["POD_NAMESPACE"].ShouldBe("default");
        env["POD_UID"].ShouldBe(TestPods.Uid);
        env["NODE"].ShouldBe("node-1");
        env["POD_IP"].ShouldBe("10.88.0.9");
        env["HOST_IP"].ShouldBe("192.168.1.10");
        env["APP"].ShouldBe("web");
        env["TEAM"].ShouldBe("edge");
        env["NONE"].ShouldBe("");
    }

    [Fact]
    public void Create_HostNetworkPodIpFieldRef_IsNodeIp()
    {
        // Arrange
        var container = TestPods.Container("app") with { Env = [Field("POD_IP", "status.podIP")] };

        // Act
        var env = _factory.Create(Pod(container, s => s with { HostNetwork = true }), container, Context(podIp: "")).Env;

        // Assert
        env.ShouldHaveSingleItem().Value.ShouldBe("192.168.1.10");
    }

    [Fact]
    public void Create_UnsupportedFieldRef_ThrowsConfigError()
    {
        // Arrange
        var container = TestPods.Container("app") with { Env = [Field("X", "spec.schedulerName")] };

        // Act
        var error = Should.Throw<ContainerConfigException>(() => _factory.Create(Pod(container), container, Context()));

        // Assert
        error.Message.ShouldContain("spec.schedulerName");
    }

    [Fact]
    public void Create_ResourceFieldRefs_UseDivisorAndNodeCapacityForMissingLimits()
    {
        // Arrange
        EnvVar Resource(string name, string resource, string? divisor = null, string? container = null) => new()
        {
            Name = name,
            ValueFrom = new EnvVarSource
            {
                ResourceFieldRef = new ResourceFieldSelector
                {
                    Resource = resource, ContainerName = container, Divisor = divisor is null ? null : Quantity.Parse(divisor),
                },
            },
        };
        var container = TestPods.Container("app") with
        {
            Resources = new ResourceRequirements
            {
                Requests = TestPods.Resources(("cpu", "250m")),
                Limits = TestPods.Resources(("memory", "64Mi")),
            },
            Env =
            [
                Resource("MEM_MB", "limits.memory", "1Mi"), Resource("CPU_M", "requests.cpu", "1m"), Resource("CPU_LIMIT", "limits.cpu"),
                Resource("MEM_REQ", "requests.memory"), Resource("CPU_CEIL", "requests.cpu", container: "app"),
            ],
        };

        // Act
        var env = _factory.Create(Pod(container), container, Context()).Env.ToDictionary();

        // Assert
        env["MEM_MB"].ShouldBe("64");
        env["CPU_M"].ShouldBe("250");
        env["CPU_LIMIT"].ShouldBe("4");
        env["MEM_REQ"].ShouldBe("0");
        env["CPU_CEIL"].ShouldBe("1");
    }

    [Fact]
    public void Create_ResourceFieldRefToUnknownContainer_ThrowsConfigError()
    {
        // Arrange
        var container = TestPods.Container("app") with
        {
            Env = [new EnvVar { Name = "X", ValueFrom = new EnvVarSource { ResourceFieldRef = new ResourceFieldSelector { ContainerName = "ghost", Resource = "limits.cpu" } } }],
        };

        // Act / Assert
        Should.Throw<ContainerConfigException>(() => _factory.Create(Pod(container), container, Context()))
            .Message.ShouldContain("\"ghost\"");
    }

    [Fact]
    public void Create_CommandAndArgs_ExpandVariables()
    {
        // Arrange
        var container = TestPods.Container("app") with
        {
            Env = [Env("PORT", "8080")],
            Command = ["/bin/server", "--port=$(PORT)"],
            Args = ["$(MISSING)", "$$(PORT)"],
        };

        // Act
        var spec = _factory.Create(Pod(container), container, Context());

        // Assert
        spec.Command.ShouldBe(["/bin/server", "--port=8080"]);
        spec.Args.ShouldBe(["$(MISSING)", "$(PORT)"]);
    }

    [Fact]
    public void Create_VolumeMountsEtcHostsAndTerminationLog_AllMounted()
    {
        // Arrange
        var container = TestPods.Container("app") with
        {
            VolumeMounts =
            [
                new VolumeMount { Name = "data", MountPath = "/data", ReadOnly = true },
                new VolumeMount { Name = "cache", MountPath = "/cache", MountPropagation = "HostToContainer" },
            ],
            TerminationMessagePath = "/dev/termination-log",
        };
        var volumes = new Dictionary<string, string> { ["data"] = "/host/data", ["cache"] = "/host/cache" };

        // Act
        var spec = _factory.Create(Pod(container), container, Context(volumes: volumes, terminationFile: "/var/lib/edgenode/pods/uid/containers/app/0"));

        // Assert
        spec.Mounts.ShouldBe(
        [
            new MountSpec("/data", "/host/data", true),
            new MountSpec("/cache", "/host/cache", false, MountPropagationMode.HostToContainer),
            new MountSpec("/etc/hosts", "/var/lib/edgenode/pods/uid/etc-hosts", false),
            new MountSpec("/dev/termination-log", "/var/lib/edgenode/pods/uid/containers/app/0", false),
        ]);
    }

    [Fact]
    public void Create_HostNetwork_NoEtcHostsMount()
    {
        // Arrange
        var container = TestPods.Container("app");

        // Act
        var spec = _factory.Create(Pod(container, s => s with { HostNetwork = true }), container, Context());

        // Assert
        spec.Mounts.ShouldNotContain(m => m.ContainerPath == "/etc/hosts");
    }

    [Fact]
    public void Create_UserMountsEtcHosts_NoSecondEtcHostsMount()
    {
        // Arrange
        var container = TestPods.Container("app") with { VolumeMounts = [new VolumeMount { Name = "hosts", MountPath = "/etc/hosts" }] };

        // Act
        var spec = _factory.Create(Pod(container), container, Context(volumes: new Dictionary<string, string> { ["hosts"] = "/my/hosts" }));

        // Assert
        spec.Mounts.ShouldHaveSingleItem().HostPath.ShouldBe("/my/hosts");
    }

    [Fact]
    public void Create_SubPath_MountsAndCreatesSubdirectory()
    {
        // Arrange
        var root = Directory.CreateTempSubdirectory("edgenode-subpath-").FullName;
        try
        {
            var container = TestPods.Container("app") with { VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/conf", SubPath = "conf.d" }] };

            // Act
            var spec = _factory.Create(Pod(container), container, Context(volumes: new Dictionary<string, string> { ["data"] = root }));

            // Assert
            spec.Mounts[0].HostPath.ShouldBe(Path.Combine(root, "conf.d"));
            Directory.Exists(Path.Combine(root, "conf.d")).ShouldBeTrue();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Create_LabelsAndAnnotations_IdentifyPodAndRecordRecoveryData()
    {
        // Arrange
        var preStop = new LifecycleHandler { Exec = new ExecAction { Command = ["/bin/sh", "-c", "nginx -s quit"] } };
        var container = TestPods.Container("app", "nginx:1.27") with
        {
            Lifecycle = new Lifecycle { PreStop = preStop },
            Ports = [new ContainerPort { Name = "http", Number = 80, Protocol = "TCP" }],
            TerminationMessagePath = "/dev/termination-log",
        };

        // Act
        var spec = _factory.Create(Pod(container, s => s with { TerminationGracePeriodSeconds = 45 }), container, Context(restartCount: 2));

        // Assert
        spec.Labels.ShouldBe(new Dictionary<string, string>
        {
            ["io.kubernetes.pod.name"] = "web",
            ["io.kubernetes.pod.namespace"] = "default",
            ["io.kubernetes.pod.uid"] = TestPods.Uid,
            ["io.kubernetes.container.name"] = "app",
            ["edgenode.io/managed"] = "true",
        }, ignoreOrder: true);
        spec.Annotations["io.kubernetes.container.restartCount"].ShouldBe("2");
        spec.Annotations["edgenode.io/image"].ShouldBe("nginx:1.27");
        spec.Annotations["io.kubernetes.pod.terminationGracePeriod"].ShouldBe("45");
        spec.Annotations["io.kubernetes.container.terminationMessagePath"].ShouldBe("/dev/termination-log");
        spec.Annotations["io.kubernetes.container.terminationMessagePolicy"].ShouldBe("File");
        spec.Annotations["io.kubernetes.container.hash"].ShouldMatch("^[0-9a-f]{8}$");
        JsonSerializer.Deserialize(spec.Annotations["io.kubernetes.container.preStopHandler"], PodJsonContext.Default.LifecycleHandler)!
            .Exec!.Command.ShouldBe(["/bin/sh", "-c", "nginx -s quit"]);
        JsonSerializer.Deserialize(spec.Annotations["io.kubernetes.container.ports"], PodJsonContext.Default.ListContainerPort)!
            .ShouldHaveSingleItem().Number.ShouldBe(80);
    }

    [Fact]
    public void Create_NoPreStopOrPorts_NoSuchAnnotations()
    {
        // Arrange
        var container = TestPods.Container("app");

        // Act
        var spec = _factory.Create(Pod(container), container, Context());

        // Assert
        spec.Annotations.ShouldNotContainKey("io.kubernetes.container.preStopHandler");
        spec.Annotations.ShouldNotContainKey("io.kubernetes.container.ports");
        spec.Annotations["io.kubernetes.pod.terminationGracePeriod"].ShouldBe("30");
    }

    [Fact]
    public void Create_ContainerChanges_HashChanges()
    {
        // Arrange
        var a = TestPods.Container("app", "nginx:1.27");
        var b = a with { Image = "nginx:1.28" };

        // Act
        var hashA = _factory.Create(Pod(a), a, Context()).Annotations["io.kubernetes.container.hash"];
        var hashB = _factory.Create(Pod(b), b, Context()).Annotations["io.kubernetes.container.hash"];

        // Assert
        hashA.ShouldNotBe(hashB);
    }

    [Fact]
    public void Create_Unprivileged_DefaultMaskedAndReadonlyPaths()
    {
        // Arrange
        var container = TestPods.Container("app");

        // Act
        var security = _factory.Create(Pod(container), container, Context()).Security;

        // Assert
        security.Privileged.ShouldBeFalse();
        security.MaskedPaths.ShouldContain("/proc/kcore");
        security.MaskedPaths.ShouldContain("/sys/firmware");
        security.ReadonlyPaths.ShouldContain("/proc/sys");
        security.ReadonlyPaths.ShouldContain("/proc/sysrq-trigger");
    }

    [Fact]
    public void Create_Privileged_NoMaskedOrReadonlyPaths()
    {
        // Arrange
        var container = TestPods.Container("app") with { SecurityContext = new SecurityContext { Privileged = true } };

        // Act
        var security = _factory.Create(Pod(container), container, Context()).Security;

        // Assert
        security.Privileged.ShouldBeTrue();
        security.MaskedPaths.ShouldBeEmpty();
        security.ReadonlyPaths.ShouldBeEmpty();
    }

    [Fact]
    public void Create_SecurityContext_MappedWithPodDefaults()
    {
        // Arrange
        var container = TestPods.Container("app") with
        {
            SecurityContext = new SecurityContext
            {
                RunAsGroup = 2000,
                AllowPrivilegeEscalation = false,
                ReadOnlyRootFilesystem = true,
                Capabilities = new Capabilities { Add = ["NET_ADMIN"], Drop = ["ALL"] },
            },
        };
        var pod = Pod(container, s => s with
        {
            SecurityContext = new PodSecurityContext { RunAsUser = 1000, RunAsGroup = 3000, FsGroup = 4000, SupplementalGroups = [5000] },
            HostPID = true,
        });

        // Act
        var security = _factory.Create(pod, container, Context()).Security;

        // Assert
        security.RunAsUser.ShouldBe(1000);
        security.RunAsGroup.ShouldBe(2000);
        security.NoNewPrivs.ShouldBeTrue();
        security.ReadonlyRootfs.ShouldBeTrue();
        security.AddCapabilities.ShouldBe(["NET_ADMIN"]);
        security.DropCapabilities.ShouldBe(["ALL"]);
        security.SupplementalGroups.ShouldBe([4000, 5000]);
        security.Namespaces.Pid.ShouldBe(NamespaceMode.Node);
        security.Namespaces.Network.ShouldBe(NamespaceMode.Pod);
    }

    [Fact]
    public void Create_RunAsNonRootWithRootUser_ThrowsConfigError()
    {
        // Arrange
        var container = TestPods.Container("app") with { SecurityContext = new SecurityContext { RunAsNonRoot = true, RunAsUser = 0 } };

        // Act
        var error = Should.Throw<ContainerConfigException>(() => _factory.Create(Pod(container), container, Context()));

        // Assert
        error.Message.ShouldBe($"container has runAsNonRoot and image will run as root (pod: \"web_default({TestPods.Uid})\", container: app)");
    }

    [Fact]
    public void Create_RunAsNonRootAndImageRunsAsRootByDefault_ThrowsConfigError()
    {
        // Arrange
        var container = TestPods.Container("app");
        var pod = Pod(container, s => s with { SecurityContext = new PodSecurityContext { RunAsNonRoot = true } });

        // Act / Assert
        Should.Throw<ContainerConfigException>(() => _factory.Create(pod, container, Context()))
            .Message.ShouldStartWith("container has runAsNonRoot and image will run as root");
    }

    [Fact]
    public void Create_RunAsNonRootAndImageHasNamedUser_ThrowsCannotVerify()
    {
        // Arrange
        var container = TestPods.Container("app") with { SecurityContext = new SecurityContext { RunAsNonRoot = true } };

        // Act / Assert
        Should.Throw<ContainerConfigException>(() => _factory.Create(Pod(container), container, Context(image: Image with { Username = "nginx" })))
            .Message.ShouldStartWith("container has runAsNonRoot and image has non-numeric user (nginx), cannot verify user is non-root");
    }

    [Theory]
    [InlineData(1000L, null)]
    [InlineData(null, 65534L)]
    public void Create_RunAsNonRootWithNonRootUser_Succeeds(long? runAsUser, long? imageUid)
    {
        // Arrange
        var container = TestPods.Container("app") with { SecurityContext = new SecurityContext { RunAsNonRoot = true, RunAsUser = runAsUser } };

        // Act
        var spec = _factory.Create(Pod(container), container, Context(image: Image with { Uid = imageUid }));

        // Assert
        spec.Security.RunAsUser.ShouldBe(runAsUser);
    }

    [Fact]
    public void Create_Resources_MappedWithPodQos()
    {
        // Arrange
        var limits = TestPods.Resources(("cpu", "500m"), ("memory", "128Mi"));
        var container = TestPods.Container("app") with { Resources = new ResourceRequirements { Limits = limits, Requests = limits } };

        // Act
        var resources = _factory.Create(Pod(container), container, Context()).Resources;

        // Assert
        resources.CpuShares.ShouldBe(512);
        resources.CpuQuota.ShouldBe(50_000);
        resources.CpuPeriod.ShouldBe(100_000);
        resources.MemoryLimitBytes.ShouldBe(128L * 1024 * 1024);
        resources.OomScoreAdj.ShouldBe(-997);
    }
}
