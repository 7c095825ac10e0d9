using System.Text.Json;
using EdgeNode.Core.Json;
using EdgeNode.Core.Nodes;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using Shouldly;

namespace EdgeNode.Core.Tests.Nodes;

public sealed class NodeStatusSettersTests
{
    private const long Mi = 1024L * 1024;
    private const long Gi = 1024L * Mi;
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = Now.AddHours(-1);

    private static NodeStatusContext Context(
        MachineInfo? machine = null,
        RuntimeHealth? health = null,
        bool unknownHealth = false,
        PressureState? pressure = null,
        IReadOnlyList<NodeCondition>? previous = null,
        IReadOnlyDictionary<string, Quantity>? reserved = null,
        IReadOnlyList<ImageInfo>? images = null,
        IReadOnlyList<string>? notReadyReasons = null,
        RuntimeVersion? version = null,
        bool noVersion = false,
        int maxImages = 50) => new()
    {
        NodeName = "edge-1",
        Now = Now,
        Machine = machine ?? new MachineInfo
        {
            CpuCount = 4,
            MemoryBytes = 8 * Gi,
            EphemeralStorageBytes = 100 * Gi,
            MachineId = "machine-id-1",
            SystemUuid = "system-uuid-1",
            BootId = "boot-1",
            KernelVersion = "6.8.0-40-generic",
            OsImage = "Ubuntu 24.04 LTS",
            OperatingSystem = "linux",
            Architecture = "arm64",
        },
        NodeIp = "10.0.0.5",
        Hostname = "edge-1",
        KubeletVersion = "v1.33.0-edgenode",
        Reserved = reserved ?? new Dictionary<string, Quantity>(),
        RuntimeVersion = noVersion ? null : version ?? new RuntimeVersion("containerd", "1.7.20", "v1"),
        RuntimeHealth = unknownHealth ? null : health ?? new RuntimeHealth(true, true, ""),
        Images = images ?? [],
        Pressure = pressure ?? new PressureState(false, false, false),
        NotReadyReasons = notReadyReasons ?? [],
        PreviousConditions = previous ?? [],
        MaxImages = maxImages,
    };

    private static NodeCondition Condition(NodeStatus status, string type) =>
        status.Conditions.ShouldNotBeNull().Single(c => c.Type == type);

    private static NodeCondition Previous(string type, string status, DateTimeOffset? transition = null) => new()
    {
        Type = type,
        Status = status,
        Reason = "Old",
        Message = "old",
        LastHeartbeatTime = Earlier,
        LastTransitionTime = transition ?? Earlier,
    };

    private static IReadOnlyList<NodeCondition> AllPrevious(string memory = "False", string disk = "False", string pid = "False", string ready = "True") =>
        [Previous("MemoryPressure", memory), Previous("DiskPressure", disk), Previous("PIDPressure", pid), Previous("Ready", ready)];

    // ---- addresses

    [Fact]
    public void Addresses_NodeIpAndHostname_InternalIpThenHostname()
    {
        // Act
        var status = NodeStatusSetters.Compute(Context());

        // Assert
        status.Addresses.ShouldNotBeNull().Select(a => (a.Type, a.Address)).ShouldBe([("InternalIP", "10.0.0.5"), ("Hostname", "edge-1")]);
    }

    [Fact]
    public void Addresses_NoNodeIp_HostnameOnly()
    {
        // Act
        var status = NodeStatusSetters.Addresses(new NodeStatus(), Context() with { NodeIp = "" });

        // Assert
        status.Addresses.ShouldNotBeNull().ShouldHaveSingleItem().ShouldBe(new NodeAddress { Type = "Hostname", Address = "edge-1" });
    }

    // ---- capacity and allocatable

    [Fact]
    public void MachineInfo_WholeMebibytes_CapacityInMiFormWithCpuPodsAndEphemeralStorage()
    {
        // Act
        var status = NodeStatusSetters.Compute(Context());

        // Assert
        var capacity = status.Capacity.ShouldNotBeNull();
        capacity.Keys.ShouldBe(["cpu", "memory", "pods", "ephemeral-storage"], ignoreOrder: true);
        capacity["cpu"].ToString().ShouldBe("4");
        capacity["memory"].ToString().ShouldBe("8192Mi");
        capacity["memory"].Value.ShouldBe(8m * Gi);
        capacity["pods"].ToString().ShouldBe("110");
        capacity["ephemeral-storage"].ToString().ShouldBe("102400Mi");
    }

    [Fact]
    public void MachineInfo_MemoryNotWholeMebibytes_KiForm()
    {
        // Arrange: 8141560Ki, a typical MemTotal
        var machine = Context().Machine with { MemoryBytes = 8141560L * 1024 };

        // Act
        var status = NodeStatusSetters.MachineInfo(new NodeStatus(), Context(machine));

        // Assert
        status.Capacity.ShouldNotBeNull()["memory"].ToString().ShouldBe("8141560Ki");
    }

    [Fact]
    public void MachineInfo_BytesNotWholeKibibytes_PlainNumber()
    {
        // Arrange
        var machine = Context().Machine with { EphemeralStorageBytes = 1_000_000_001 };

        // Act
        var status = NodeStatusSetters.MachineInfo(new NodeStatus(), Context(machine));

        // Assert
        status.Capacity.ShouldNotBeNull()["ephemeral-storage"].ToString().ShouldBe("1000000001");
    }

    [Fact]
    public void MachineInfo_MaxPodsSet_PodsCapacityFollows()
    {
        // Act
        var status = NodeStatusSetters.MachineInfo(new NodeStatus(), Context() with { MaxPods = 32 });

        // Assert
        status.Capacity.ShouldNotBeNull()["pods"].Value.ShouldBe(32m);
        status.Allocatable.ShouldNotBeNull()["pods"].Value.ShouldBe(32m);
    }

    [Fact]
    public void MachineInfo_NothingReserved_AllocatableEqualsCapacity()
    {
        // Act
        var status = NodeStatusSetters.Compute(Context());

        // Assert
        var allocatable = status.Allocatable.ShouldNotBeNull();
        var capacity = status.Capacity.ShouldNotBeNull();
        allocatable.Keys.ShouldBe(capacity.Keys, ignoreOrder: true);
        foreach (var (key, value) in capacity)
        {
            allocatable[key].ShouldBe(value, key);
        }
    }

    [Fact]
    public void MachineInfo_EvictionThresholdsReserved_AllocatableIsCapacityMinusReserved()
    {
        // Arrange: memory.available<100Mi and nodefs.available<10% (10% of 100Gi computed by the caller)
        var reserved = new Dictionary<string, Quantity>
        {
            ["memory"] = Quantity.Parse("100Mi"),
            ["ephemeral-storage"] = new Quantity(10m * Gi, "10Gi"),
        };

        // Act
        var status = NodeStatusSetters.Compute(Context(reserved: reserved));

        // Assert
        var allocatable = status.Allocatable.ShouldNotBeNull();
        allocatable["memory"].Value.ShouldBe(8m * Gi - 100m * Mi);
        allocatable["memory"].ToString().ShouldBe("8092Mi");
        allocatable["ephemeral-storage"].Value.ShouldBe(90m * Gi);
        allocatable["ephemeral-storage"].ToString().ShouldBe("92160Mi");
        allocatable["cpu"].Value.ShouldBe(4m);
        allocatable["pods"].Value.ShouldBe(110m);
        status.Capacity.ShouldNotBeNull()["memory"].ToString().ShouldBe("8192Mi");
    }

    [Fact]
    public void MachineInfo_FractionalCpuReserved_SubtractsExactly()
    {
        // Arrange
        var reserved = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("500m") };

        // Act
        var status = NodeStatusSetters.MachineInfo(new NodeStatus(), Context(reserved: reserved));

        // Assert
        var cpu = status.Allocatable.ShouldNotBeNull()["cpu"];
        cpu.Value.ShouldBe(3.5m);
        Quantity.Parse(cpu.ToString()).Value.ShouldBe(3.5m);
    }

    [Fact]
    public void MachineInfo_ReservedMoreThanCapacity_ClampsAtZero()
    {
        // Arrange
        var reserved = new Dictionary<string, Quantity> { ["memory"] = Quantity.Parse("16Gi"), ["cpu"] = Quantity.Parse("5") };

        // Act
        var status = NodeStatusSetters.MachineInfo(new NodeStatus(), Context(reserved: reserved));

        // Assert
        var allocatable = status.Allocatable.ShouldNotBeNull();
        allocatable["memory"].Value.ShouldBe(0m);
        allocatable["memory"].ToString().ShouldBe("0");
        allocatable["cpu"].Value.ShouldBe(0m);
    }

    [Fact]
    public void MachineInfo_ReservationForResourceNotInCapacity_Ignored()
    {
        // Arrange
        var reserved = new Dictionary<string, Quantity> { ["hugepages-2Mi"] = Quantity.Parse("2Mi") };

        // Act
        var status = NodeStatusSetters.MachineInfo(new NodeStatus(), Context(reserved: reserved));

        // Assert
        status.Allocatable.ShouldNotBeNull().Keys.ShouldBe(["cpu", "memory", "pods", "ephemeral-storage"], ignoreOrder: true);
    }

    // ---- nodeInfo

    [Fact]
    public void Compute_MachineAndRuntime_FillsNodeInfo()
    {
        // Act
        var info = NodeStatusSetters.Compute(Context()).NodeInfo.ShouldNotBeNull();

        // Assert
        info.MachineID.ShouldBe("machine-id-1");
        info.SystemUUID.ShouldBe("system-uuid-1");
        info.BootID.ShouldBe("boot-1");
        info.KernelVersion.ShouldBe("6.8.0-40-generic");
        info.OsImage.ShouldBe("Ubuntu 24.04 LTS");
        info.OperatingSystem.ShouldBe("linux");
        info.Architecture.ShouldBe("arm64");
        info.ContainerRuntimeVersion.ShouldBe("containerd://1.7.20");
        info.KubeletVersion.ShouldBe("v1.33.0-edgenode");
        info.KubeProxyVersion.ShouldBe("");
    }

    [Fact]
    public void VersionInfo_NoRuntimeVersion_Unknown()
    {
        // Act
        var info = NodeStatusSetters.VersionInfo(new NodeStatus(), Context(noVersion: true)).NodeInfo.ShouldNotBeNull();

        // Assert
        info.ContainerRuntimeVersion.ShouldBe("Unknown");
    }

    [Fact]
    public void VersionInfo_AfterMachineInfo_KeepsMachineFields()
    {
        // Arrange
        var context = Context();
        var withMachine = NodeStatusSetters.MachineInfo(new NodeStatus(), context);

        // Act
        var info = NodeStatusSetters.VersionInfo(withMachine, context).NodeInfo.ShouldNotBeNull();

        // Assert
        info.BootID.ShouldBe("boot-1");
        info.MachineID.ShouldBe("machine-id-1");
        info.ContainerRuntimeVersion.ShouldBe("containerd://1.7.20");
    }

    // ---- daemon endpoints

    [Fact]
    public void DaemonEndpoints_DefaultPort_10250()
    {
        // Act
        var status = NodeStatusSetters.Compute(Context());

        // Assert
        status.DaemonEndpoints.ShouldNotBeNull().KubeletEndpoint.ShouldNotBeNull().Port.ShouldBe(10250);
    }

    [Fact]
    public void DaemonEndpoints_SerializedWithApiJsonContext_PortKeyCapitalised()
    {
        // Arrange
        var status = NodeStatusSetters.Compute(Context());

        // Act
        var json = JsonSerializer.SerializeToNode(status, ApiJsonContext.Default.NodeStatus)!;

        // Assert
        var endpoint = json["daemonEndpoints"]!["kubeletEndpoint"]!.AsObject();
        endpoint.Select(p => p.Key).ShouldBe(["Port"]);
        endpoint["Port"]!.GetValue<int>().ShouldBe(10250);
    }

    // ---- images

    private static ImageInfo Image(int i, ulong size, int tags = 1, int digests = 1) => new()
    {
        Id = $"sha256:{i:x64}",
        Size = size,
        RepoTags = [.. Enumerable.Range(0, tags).Select(t => $"registry.local/img{i}:t{t}")],
        RepoDigests = [.. Enumerable.Range(0, digests).Select(d => $"registry.local/img{i}@sha256:{d:x64}")],
    };

    [Fact]
    public void Images_MoreThanMax_LargestFirstTruncatedTo50()
    {
        // Arrange: 60 images with sizes in a scrambled order
        var images = Enumerable.Range(0, 60).Select(i => Image(i, (ulong)((i * 37 % 60) + 1) * 1000)).ToList();

        // Act
        var result = NodeStatusSetters.Compute(Context(images: images)).Images.ShouldNotBeNull();

        // Assert
        result.Count.ShouldBe(50);
        result.Select(i => i.SizeBytes).ShouldBe(Enumerable.Range(11, 50).Reverse().Select(s => (long)s * 1000));
    }

    [Fact]
    public void Images_MaxImagesMinusOne_Unlimited()
    {
        // Arrange
        var images = Enumerable.Range(0, 60).Select(i => Image(i, (ulong)i + 1)).ToList();

        // Act
        var result = NodeStatusSetters.Images(new NodeStatus(), Context(images: images, maxImages: -1)).Images.ShouldNotBeNull();

        // Assert
        result.Count.ShouldBe(60);
    }

    [Fact]
    public void Images_ManyNames_DigestsThenTagsAtMostFive()
    {
        // Arrange
        var image = Image(1, 5000, tags: 4, digests: 3);

        // Act
        var result = NodeStatusSetters.Images(new NodeStatus(), Context(images: [image])).Images.ShouldNotBeNull().ShouldHaveSingleItem();

        // Assert
        result.Names.ShouldBe([.. image.RepoDigests, image.RepoTags[0], image.RepoTags[1]]);
        result.SizeBytes.ShouldBe(5000L);
    }

    [Fact]
    public void Images_FewNames_AllKeptInOrder()
    {
        // Arrange
        var image = Image(2, 7, tags: 2, digests: 1);

        // Act
        var result = NodeStatusSetters.Images(new NodeStatus(), Context(images: [image])).Images.ShouldNotBeNull().ShouldHaveSingleItem();

        // Assert
        result.Names.ShouldBe([image.RepoDigests[0], image.RepoTags[0], image.RepoTags[1]]);
    }

    // ---- pressure conditions

    public static TheoryData<string, bool, string, string, string> PressureCases() => new()
    {
        { "MemoryPressure", true, "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available" },
        { "MemoryPressure", false, "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available" },
        { "DiskPressure", true, "True", "KubeletHasDiskPressure", "kubelet has disk pressure" },
        { "DiskPressure", false, "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure" },
        { "PIDPressure", true, "True", "KubeletHasInsufficientPID", "kubelet has insufficient PID available" },
        { "PIDPressure", false, "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available" },
    };

    private static PressureState Only(string type, bool? value) => type switch
    {
        "MemoryPressure" => new PressureState(value, false, false),
        "DiskPressure" => new PressureState(false, value, false),
        _ => new PressureState(false, false, value),
    };

    [Theory]
    [MemberData(nameof(PressureCases))]
    public void Compute_Pressure_KubeletReasonAndMessage(string type, bool underPressure, string expectedStatus, string reason, string message)
    {
        // Act
        var condition = Condition(NodeStatusSetters.Compute(Context(pressure: Only(type, underPressure))), type);

        // Assert
        condition.Status.ShouldBe(expectedStatus);
        condition.Reason.ShouldBe(reason);
        condition.Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("MemoryPressure")]
    [InlineData("DiskPressure")]
    [InlineData("PIDPressure")]
    public void Compute_PressureCannotBeTold_Unknown(string type)
    {
        // Act
        var condition = Condition(NodeStatusSetters.Compute(Context(pressure: Only(type, null))), type);

        // Assert
        condition.Status.ShouldBe("Unknown");
    }

    [Fact]
    public void Compute_PressureUnknownUnchanged_NoEventAndTransitionKept()
    {
        // Arrange
        var context = Context(pressure: new PressureState(null, false, false), previous: AllPrevious(memory: "Unknown"));

        // Act
        var condition = Condition(NodeStatusSetters.Compute(context), "MemoryPressure");

        // Assert
        condition.LastTransitionTime.ShouldBe(Earlier);
        context.Events.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("MemoryPressure", true, "NodeHasInsufficientMemory")]
    [InlineData("MemoryPressure", false, "NodeHasSufficientMemory")]
    [InlineData("DiskPressure", true, "NodeHasDiskPressure")]
    [InlineData("DiskPressure", false, "NodeHasNoDiskPressure")]
    [InlineData("PIDPressure", true, "NodeHasInsufficientPID")]
    [InlineData("PIDPressure", false, "NodeHasSufficientPID")]
    public void Compute_PressureTransition_NormalEventWithKubeletMessage(string type, bool underPressure, string eventReason)
    {
        // Arrange: the previous status is the opposite one
        var before = underPressure ? "False" : "True";
        var previous = AllPrevious().Select(c => c.Type == type ? c with { Status = before } : c).ToList();
        var context = Context(pressure: Only(type, underPressure), previous: previous);

        // Act
        var condition = Condition(NodeStatusSetters.Compute(context), type);

        // Assert
        context.Events.ShouldHaveSingleItem().ShouldBe(new NodeEvent(false, eventReason, $"Node edge-1 status is now: {eventReason}"));
        condition.LastTransitionTime.ShouldBe(Now);
    }

    [Fact]
    public void Compute_NoPreviousConditions_PressureEventsForEachNewCondition()
    {
        // Arrange
        var context = Context();

        // Act
        NodeStatusSetters.Compute(context);

        // Assert
        var reasons = context.Events.Select(e => e.Reason).ToList();
        reasons.ShouldContain("NodeHasSufficientMemory");
        reasons.ShouldContain("NodeHasNoDiskPressure");
        reasons.ShouldContain("NodeHasSufficientPID");
        context.Events.ShouldAllBe(e => !e.Warning && e.Message == $"Node edge-1 status is now: {e.Reason}");
    }

    [Fact]
    public void Compute_NothingChanged_NoEvents()
    {
        // Arrange
        var context = Context(previous: AllPrevious());

        // Act
        NodeStatusSetters.Compute(context);

        // Assert
        context.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Compute_StatusUnchanged_HeartbeatNowTransitionKept()
    {
        // Arrange
        var context = Context(previous: AllPrevious());

        // Act
        var status = NodeStatusSetters.Compute(context);

        // Assert
        status.Conditions.ShouldNotBeNull().Count.ShouldBe(4);
        status.Conditions.ShouldAllBe(c => c.LastHeartbeatTime == Now);
        status.Conditions.ShouldAllBe(c => c.LastTransitionTime == Earlier);
    }

    [Fact]
    public void Compute_NoPreviousConditions_TransitionAndHeartbeatNow()
    {
        // Act
        var status = NodeStatusSetters.Compute(Context());

        // Assert
        status.Conditions.ShouldNotBeNull().ShouldAllBe(c => c.LastHeartbeatTime == Now && c.LastTransitionTime == Now);
    }

    [Fact]
    public void Compute_StatusUnchangedReasonsStale_ReasonAndMessageRefreshed()
    {
        // Arrange: previous conditions carry reason "Old"/"old"
        var context = Context(previous: AllPrevious());

        // Act
        var status = NodeStatusSetters.Compute(context);

        // Assert
        Condition(status, "MemoryPressure").Reason.ShouldBe("KubeletHasSufficientMemory");
        Condition(status, "Ready").Reason.ShouldBe("KubeletReady");
    }

    // ---- Ready

    [Fact]
    public void Compute_Healthy_ReadyTrueKubeletReady()
    {
        // Act
        var ready = Condition(NodeStatusSetters.Compute(Context()), "Ready");

        // Assert
        ready.Status.ShouldBe("True");
        ready.Reason.ShouldBe("KubeletReady");
        ready.Message.ShouldBe("kubelet is posting ready status");
    }

    [Fact]
    public void Compute_RuntimeNotReady_ReadyFalseWithRuntimeMessage()
    {
        // Arrange
        var health = new RuntimeHealth(false, true, "containerd is not running at /run/containerd/containerd.sock: start it or pass --container-runtime-endpoint");

        // Act
        var ready = Condition(NodeStatusSetters.Compute(Context(health: health)), "Ready");

        // Assert
        ready.Status.ShouldBe("False");
        ready.Reason.ShouldBe("KubeletNotReady");
        ready.Message.ShouldBe(health.Message);
    }

    [Fact]
    public void Compute_RuntimeNotReadyWithoutMessage_ContainerRuntimeIsDown()
    {
        // Act
        var ready = Condition(NodeStatusSetters.Compute(Context(health: new RuntimeHealth(false, false, ""))), "Ready");

        // Assert
        ready.Message.ShouldBe("container runtime is down");
    }

    [Fact]
    public void Compute_NetworkNotReady_ReadyFalseWithNetworkMessage()
    {
        // Arrange
        const string message = "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized";

        // Act
        var ready = Condition(NodeStatusSetters.Compute(Context(health: new RuntimeHealth(true, false, message))), "Ready");

        // Assert
        ready.Status.ShouldBe("False");
        ready.Reason.ShouldBe("KubeletNotReady");
        ready.Message.ShouldBe(message);
    }

    [Fact]
    public void Compute_RuntimeNotAnsweredYet_StatusCheckMayNotHaveCompleted()
    {
        // Act
        var ready = Condition(NodeStatusSetters.Compute(Context(unknownHealth: true)), "Ready");

        // Assert
        ready.Status.ShouldBe("False");
        ready.Message.ShouldBe("container runtime status check may not have completed yet");
    }

    [Fact]
    public void Compute_SeveralReasons_MessageIsBracketedList()
    {
        // Act
        var ready = Condition(
            NodeStatusSetters.Compute(Context(health: new RuntimeHealth(false, false, ""), notReadyReasons: ["node is shutting down"])),
            "Ready");

        // Assert
        ready.Status.ShouldBe("False");
        ready.Message.ShouldBe("[container runtime is down, node is shutting down]");
    }

    [Fact]
    public void Compute_OnlyNotReadyReason_SingleMessage()
    {
        // Act
        var ready = Condition(NodeStatusSetters.Compute(Context(notReadyReasons: ["node is shutting down"])), "Ready");

        // Assert
        ready.Status.ShouldBe("False");
        ready.Message.ShouldBe("node is shutting down");
    }

    [Fact]
    public void Ready_NoCapacity_MissingNodeCapacityMessage()
    {
        // Act
        var ready = Condition(NodeStatusSetters.Ready(new NodeStatus(), Context()), "Ready");

        // Assert
        ready.Status.ShouldBe("False");
        ready.Reason.ShouldBe("KubeletNotReady");
        ready.Message.ShouldBe("missing node capacity for resources: cpu, memory, pods, ephemeral-storage");
    }

    [Fact]
    public void Ready_PartialCapacityAndRuntimeDown_ListsBoth()
    {
        // Arrange
        var status = new NodeStatus { Capacity = new Dictionary<string, Quantity> { ["cpu"] = Quantity.FromWhole(4), ["pods"] = Quantity.FromWhole(110) } };

        // Act
        var ready = Condition(NodeStatusSetters.Ready(status, Context(health: new RuntimeHealth(false, false, ""))), "Ready");

        // Assert
        ready.Message.ShouldBe("[container runtime is down, missing node capacity for resources: memory, ephemeral-storage]");
    }

    [Fact]
    public void Compute_AllSetters_ReadyIsLastCondition()
    {
        // Arrange: previous conditions in another order, Ready first
        var previous = AllPrevious().Reverse().ToList();

        // Act
        var status = NodeStatusSetters.Compute(Context(previous: previous));

        // Assert
        status.Conditions.ShouldNotBeNull().Select(c => c.Type).ShouldBe(["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"]);
    }

    [Fact]
    public void Ready_DraftAlreadyHasReadyBeforeOthers_ReadyMovedLast()
    {
        // Arrange
        var draft = new NodeStatus { Conditions = [Previous("Ready", "True"), Previous("NetworkUnavailable", "False")] };

        // Act
        var status = NodeStatusSetters.Ready(draft, Context());

        // Assert
        status.Conditions.ShouldNotBeNull().Select(c => c.Type).ShouldBe(["NetworkUnavailable", "Ready"]);
    }

    [Fact]
    public void Compute_ReadyBecomesTrue_NodeReadyEventAndTransitionNow()
    {
        // Arrange
        var context = Context(previous: AllPrevious(ready: "False"));

        // Act
        var ready = Condition(NodeStatusSetters.Compute(context), "Ready");

        // Assert
        context.Events.ShouldHaveSingleItem().ShouldBe(new NodeEvent(false, "NodeReady", "Node edge-1 status is now: NodeReady"));
        ready.LastTransitionTime.ShouldBe(Now);
        ready.LastHeartbeatTime.ShouldBe(Now);
    }

    [Fact]
    public void Compute_ReadyBecomesFalse_NodeNotReadyEvent()
    {
        // Arrange
        var context = Context(health: new RuntimeHealth(false, false, ""), previous: AllPrevious(ready: "True"));

        // Act
        var ready = Condition(NodeStatusSetters.Compute(context), "Ready");

        // Assert
        context.Events.ShouldHaveSingleItem().ShouldBe(new NodeEvent(false, "NodeNotReady", "Node edge-1 status is now: NodeNotReady"));
        ready.LastTransitionTime.ShouldBe(Now);
    }

    [Fact]
    public void Compute_ReadyFromUnknown_NodeReadyEvent()
    {
        // Arrange: the node lifecycle controller set Ready=Unknown while heartbeats stopped
        var context = Context(previous: AllPrevious(ready: "Unknown"));

        // Act
        NodeStatusSetters.Compute(context);

        // Assert
        context.Events.Select(e => e.Reason).ShouldBe(["NodeReady"]);
    }

    [Fact]
    public void Compute_NotReadyMessageChangesStatusSame_TransitionKeptNoEvent()
    {
        // Arrange
        var previous = AllPrevious(ready: "False");
        var context = Context(health: new RuntimeHealth(true, false, "network state unknown"), previous: previous);

        // Act
        var ready = Condition(NodeStatusSetters.Compute(context), "Ready");

        // Assert
        ready.Message.ShouldBe("network state unknown");
        ready.LastTransitionTime.ShouldBe(Earlier);
        context.Events.ShouldBeEmpty();
    }
}
