using EdgeNode.Core.Runtime;
using EdgeNode.Cri.Mapping;
using Shouldly;

namespace EdgeNode.Cri.Tests.Mapping;

public sealed class ContainerMapperTests
{
    private static readonly ContainerSpec Spec = new()
    {
        Name = "app",
        Attempt = 3,
        Image = "sha256:feedbeef",
        UserSpecifiedImage = "docker.io/library/busybox:1.35",
        Command = ["sh", "-c"],
        Args = ["echo hello"],
        WorkingDir = "/srv",
        Env = [new("A", "1"), new("B", "2")],
        Mounts =
        [
            new MountSpec("/data", "/var/lib/edgenode/pods/u1/volumes/data", ReadOnly: false, MountPropagationMode.HostToContainer),
            new MountSpec("/etc/config", "/var/lib/edgenode/pods/u1/volumes/config", ReadOnly: true),
        ],
        Labels = new Dictionary<string, string> { ["io.kubernetes.container.name"] = "app" },
        Annotations = new Dictionary<string, string> { ["io.kubernetes.container.restartCount"] = "3" },
        LogPath = "app/3.log",
        Stdin = true,
        StdinOnce = true,
        Tty = true,
        Resources = new ContainerResources { CpuPeriod = 100_000, CpuQuota = 50_000, CpuShares = 512, MemoryLimitBytes = 64 << 20, OomScoreAdj = 1000 },
        Security = new ContainerSecurity
        {
            AddCapabilities = ["NET_ADMIN"],
            DropCapabilities = ["ALL"],
            Privileged = true,
            RunAsUser = 0,
            RunAsGroup = 1000,
            ReadonlyRootfs = true,
            NoNewPrivs = true,
            SupplementalGroups = [5],
            MaskedPaths = ["/proc/kcore"],
            ReadonlyPaths = ["/proc/sys"],
            Namespaces = new NamespaceModes { Network = NamespaceMode.Node, Pid = NamespaceMode.Pod, Ipc = NamespaceMode.Pod },
        },
    };

    [Fact]
    public void ToConfig_FullSpec_MapsProcessFields()
    {
        var config = ContainerMapper.ToConfig(Spec);

        config.Metadata.Name.ShouldBe("app");
        config.Metadata.Attempt.ShouldBe(3u);
        config.Image.Image.ShouldBe("sha256:feedbeef");
        config.Image.UserSpecifiedImage.ShouldBe("docker.io/library/busybox:1.35");
        config.Command.ShouldBe(["sh", "-c"]);
        config.Args.ShouldBe(["echo hello"]);
        config.WorkingDir.ShouldBe("/srv");
        config.Envs.Select(e => (e.Key, e.Value)).ShouldBe([("A", "1"), ("B", "2")]);
        config.Labels.ShouldBe(Spec.Labels);
        config.Annotations.ShouldBe(Spec.Annotations);
        config.LogPath.ShouldBe("app/3.log");
        config.Stdin.ShouldBeTrue();
        config.StdinOnce.ShouldBeTrue();
        config.Tty.ShouldBeTrue();
    }

    [Fact]
    public void ToConfig_Mounts_MapsPathsReadOnlyAndPropagation()
    {
        var mounts = ContainerMapper.ToConfig(Spec).Mounts;

        mounts.Count.ShouldBe(2);
        mounts[0].ContainerPath.ShouldBe("/data");
        mounts[0].HostPath.ShouldBe("/var/lib/edgenode/pods/u1/volumes/data");
        mounts[0].Readonly.ShouldBeFalse();
        mounts[0].Propagation.ShouldBe(V1.MountPropagation.PropagationHostToContainer);
        mounts[1].Readonly.ShouldBeTrue();
        mounts[1].Propagation.ShouldBe(V1.MountPropagation.PropagationPrivate);
    }

    [Fact]
    public void ToConfig_Resources_MapsAllLimits()
    {
        var resources = ContainerMapper.ToConfig(Spec).Linux.Resources;

        resources.CpuPeriod.ShouldBe(100_000);
        resources.CpuQuota.ShouldBe(50_000);
        resources.CpuShares.ShouldBe(512);
        resources.MemoryLimitInBytes.ShouldBe(64L << 20);
        resources.OomScoreAdj.ShouldBe(1000);
    }

    [Fact]
    public void ToConfig_Security_MapsCapabilitiesUsersAndNamespaces()
    {
        var security = ContainerMapper.ToConfig(Spec).Linux.SecurityContext;

        security.Capabilities.AddCapabilities.ShouldBe(["NET_ADMIN"]);
        security.Capabilities.DropCapabilities.ShouldBe(["ALL"]);
        security.Privileged.ShouldBeTrue();
        security.RunAsUser.Value.ShouldBe(0);
        security.RunAsGroup.Value.ShouldBe(1000);
        security.ReadonlyRootfs.ShouldBeTrue();
        security.NoNewPrivs.ShouldBeTrue();
        security.SupplementalGroups.ShouldBe([5L]);
        security.MaskedPaths.ShouldBe(["/proc/kcore"]);
        security.ReadonlyPaths.ShouldBe(["/proc/sys"]);
        security.NamespaceOptions.Network.ShouldBe(V1.NamespaceMode.Node);
        security.NamespaceOptions.Pid.ShouldBe(V1.NamespaceMode.Pod);
        security.NamespaceOptions.Ipc.ShouldBe(V1.NamespaceMode.Pod);
    }

    [Fact]
    public void ToConfig_MinimalSpec_SetsPidContainerAndNoUser()
    {
        var config = ContainerMapper.ToConfig(new ContainerSpec { Name = "app", Image = "busybox" });

        config.Linux.SecurityContext.NamespaceOptions.ShouldNotBeNull();
        config.Linux.SecurityContext.NamespaceOptions.Pid.ShouldBe(V1.NamespaceMode.Container);
        config.Linux.SecurityContext.RunAsUser.ShouldBeNull();
        config.Linux.SecurityContext.RunAsGroup.ShouldBeNull();
    }

    [Fact]
    public void ToFilter_Selector_SetsLabelSelectorOnly()
    {
        var filter = ContainerMapper.ToFilter(new Dictionary<string, string> { ["io.kubernetes.pod.uid"] = "u1" });

        filter!.LabelSelector.ShouldBe(new Dictionary<string, string> { ["io.kubernetes.pod.uid"] = "u1" });
        filter.Id.ShouldBe("");
        filter.PodSandboxId.ShouldBe("");
        filter.State.ShouldBeNull();
    }

    [Fact]
    public void ToInfo_ListedContainer_MapsAllFields()
    {
        var container = new V1.Container
        {
            Id = "c1",
            PodSandboxId = "sb1",
            Metadata = new V1.ContainerMetadata { Name = "app", Attempt = 1 },
            Image = new V1.ImageSpec { Image = "docker.io/library/busybox:1.35" },
            ImageRef = "sha256:feedbeef",
            State = V1.ContainerState.ContainerRunning,
            CreatedAt = 2_000_000_000,
            Labels = { ["a"] = "b" },
            Annotations = { ["c"] = "d" },
        };

        var info = ContainerMapper.ToInfo(container);

        info.Id.ShouldBe("c1");
        info.SandboxId.ShouldBe("sb1");
        info.Name.ShouldBe("app");
        info.Attempt.ShouldBe(1u);
        info.Image.ShouldBe("docker.io/library/busybox:1.35");
        info.ImageRef.ShouldBe("sha256:feedbeef");
        info.State.ShouldBe(ContainerRunState.Running);
        info.CreatedAt.ShouldBe(DateTimeOffset.UnixEpoch.AddSeconds(2));
        info.Labels.ShouldBe(new Dictionary<string, string> { ["a"] = "b" });
        info.Annotations.ShouldBe(new Dictionary<string, string> { ["c"] = "d" });
    }

    [Fact]
    public void ToStatusInfo_CreatedOnly_StartAndFinishAreNull()
    {
        var status = new V1.ContainerStatus
        {
            Id = "c1",
            Metadata = new V1.ContainerMetadata { Name = "app" },
            State = V1.ContainerState.ContainerCreated,
            CreatedAt = 1_000_000_000,
        };

        var info = ContainerMapper.ToStatusInfo(status);

        info.State.ShouldBe(ContainerRunState.Created);
        info.CreatedAt.ShouldBe(DateTimeOffset.UnixEpoch.AddSeconds(1));
        info.StartedAt.ShouldBeNull();
        info.FinishedAt.ShouldBeNull();
    }

    [Fact]
    public void ToStatusInfo_Exited_MapsTimesExitCodeReasonAndLog()
    {
        var status = new V1.ContainerStatus
        {
            Id = "c1",
            Metadata = new V1.ContainerMetadata { Name = "app", Attempt = 4 },
            State = V1.ContainerState.ContainerExited,
            CreatedAt = 1_000_000_000,
            StartedAt = 2_000_000_000,
            FinishedAt = 3_500_000_000,
            ExitCode = 137,
            Image = new V1.ImageSpec { Image = "docker.io/library/busybox:1.35" },
            ImageRef = "sha256:feedbeef",
            Reason = "OOMKilled",
            Message = "out of memory",
            Labels = { ["a"] = "b" },
            Annotations = { ["c"] = "d" },
            LogPath = "/var/log/pods/x/app/4.log",
        };

        var info = ContainerMapper.ToStatusInfo(status);

        info.Id.ShouldBe("c1");
        info.Name.ShouldBe("app");
        info.Attempt.ShouldBe(4u);
        info.State.ShouldBe(ContainerRunState.Exited);
        info.StartedAt.ShouldBe(DateTimeOffset.UnixEpoch.AddSeconds(2));
        info.FinishedAt.ShouldBe(DateTimeOffset.UnixEpoch.AddSeconds(3.5));
        info.ExitCode.ShouldBe(137);
        info.Image.ShouldBe("docker.io/library/busybox:1.35");
        info.ImageRef.ShouldBe("sha256:feedbeef");
        info.Reason.ShouldBe("OOMKilled");
        info.Message.ShouldBe("out of memory");
        info.Labels.ShouldBe(new Dictionary<string, string> { ["a"] = "b" });
        info.Annotations.ShouldBe(new Dictionary<string, string> { ["c"] = "d" });
        info.LogPath.ShouldBe("/var/log/pods/x/app/4.log");
    }

    [Theory]
    [InlineData(0, ContainerRunState.Created)]
    [InlineData(1, ContainerRunState.Running)]
    [InlineData(2, ContainerRunState.Exited)]
    [InlineData(3, ContainerRunState.Unknown)]
    [InlineData(42, ContainerRunState.Unknown)]
    public void ToInfo_CriState_MapsToRunState(int criState, ContainerRunState expected)
    {
        ContainerMapper.ToInfo(new V1.Container { Id = "c1", State = (V1.ContainerState)criState }).State.ShouldBe(expected);
    }
}
