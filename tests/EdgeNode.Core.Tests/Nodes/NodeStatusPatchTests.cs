using System.Text.Json.Nodes;
using EdgeNode.Core.Nodes;
using EdgeNode.Core.Pods;
using Shouldly;

namespace EdgeNode.Core.Tests.Nodes;

public sealed class NodeStatusPatchTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static NodeCondition Condition(string type, string status, DateTimeOffset? heartbeat = null, DateTimeOffset? transition = null) => new()
    {
        Type = type,
        Status = status,
        Reason = type + "Reason",
        Message = type + " message",
        LastHeartbeatTime = heartbeat ?? Now,
        LastTransitionTime = transition ?? Now.AddHours(-1),
    };

    private static NodeStatus Status(DateTimeOffset? heartbeat = null, params NodeCondition[] conditions) => new()
    {
        Capacity = new Dictionary<string, Quantity> { ["cpu"] = Quantity.FromWhole(4), ["memory"] = Quantity.Parse("8Gi") },
        Addresses =
        [
            new NodeAddress { Type = "InternalIP", Address = "10.0.0.5" },
            new NodeAddress { Type = "Hostname", Address = "edge-1" },
        ],
        Conditions = conditions.Length > 0
            ? [.. conditions]
            : [Condition("MemoryPressure", "False", heartbeat), Condition("Ready", "True", heartbeat)],
        DaemonEndpoints = new NodeDaemonEndpoints { KubeletEndpoint = new DaemonEndpoint { Port = 10250 } },
    };

    [Fact]
    public void Create_Addresses_ListEndsWithReplaceDirective()
    {
        // Act
        var patch = JsonNode.Parse(NodeStatusPatch.Create(Status()))!;

        // Assert
        var addresses = patch["status"]!["addresses"]!.AsArray();
        addresses.Count.ShouldBe(3);
        addresses[0]!["type"]!.GetValue<string>().ShouldBe("InternalIP");
        addresses[0]!["address"]!.GetValue<string>().ShouldBe("10.0.0.5");
        addresses[1]!["type"]!.GetValue<string>().ShouldBe("Hostname");
        var directive = addresses[2]!.AsObject();
        directive.Count.ShouldBe(1);
        directive["$patch"]!.GetValue<string>().ShouldBe("replace");
    }

    [Fact]
    public void Create_NoAddresses_NoAddressesKey()
    {
        // Act
        var patch = JsonNode.Parse(NodeStatusPatch.Create(Status() with { Addresses = null }))!;

        // Assert
        patch["status"]!.AsObject().ContainsKey("addresses").ShouldBeFalse();
    }

    [Fact]
    public void Create_Labels_UnderMetadataLabels()
    {
        // Arrange
        var labels = new Dictionary<string, string> { [NodeLabels.Os] = "linux", [NodeLabels.Hostname] = "edge-1" };

        // Act
        var patch = JsonNode.Parse(NodeStatusPatch.Create(Status(), labels))!.AsObject();

        // Assert
        patch.Select(p => p.Key).ShouldBe(["status", "metadata"], ignoreOrder: true);
        var written = patch["metadata"]!.AsObject().ShouldHaveSingleItem();
        written.Key.ShouldBe("labels");
        var labelObject = written.Value!.AsObject();
        labelObject.Count.ShouldBe(2);
        labelObject[NodeLabels.Os]!.GetValue<string>().ShouldBe("linux");
        labelObject[NodeLabels.Hostname]!.GetValue<string>().ShouldBe("edge-1");
    }

    [Fact]
    public void Create_NoLabels_OnlyStatus()
    {
        // Act
        var patch = JsonNode.Parse(NodeStatusPatch.Create(Status(), new Dictionary<string, string>()))!.AsObject();

        // Assert
        patch.Select(p => p.Key).ShouldBe(["status"]);
    }

    [Fact]
    public void Create_Status_ConditionsWithKubeTimesAndCapacityStrings()
    {
        // Act
        var status = JsonNode.Parse(NodeStatusPatch.Create(Status(Now.AddMilliseconds(750))))!["status"]!;

        // Assert
        var ready = status["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Ready")!;
        ready["status"]!.GetValue<string>().ShouldBe("True");
        ready["lastHeartbeatTime"]!.GetValue<string>().ShouldBe("2025-01-01T12:00:00Z");
        ready["lastTransitionTime"]!.GetValue<string>().ShouldBe("2025-01-01T11:00:00Z");
        status["capacity"]!["memory"]!.GetValue<string>().ShouldBe("8Gi");
        status["daemonEndpoints"]!["kubeletEndpoint"]!["Port"]!.GetValue<int>().ShouldBe(10250);
    }

    [Fact]
    public void Fingerprint_OnlyHeartbeatDiffers_Equal()
    {
        // Act
        var first = NodeStatusPatch.Fingerprint(Status(Now));
        var second = NodeStatusPatch.Fingerprint(Status(Now.AddMinutes(3)));

        // Assert
        second.ShouldBe(first);
    }

    [Fact]
    public void Fingerprint_ConditionOrderDiffers_Equal()
    {
        // Arrange
        var memory = Condition("MemoryPressure", "False");
        var disk = Condition("DiskPressure", "False");
        var ready = Condition("Ready", "True");

        // Act
        var first = NodeStatusPatch.Fingerprint(Status(null, memory, disk, ready));
        var second = NodeStatusPatch.Fingerprint(Status(null, ready, disk, memory with { LastHeartbeatTime = Now.AddSeconds(10) }));

        // Assert
        second.ShouldBe(first);
    }

    [Fact]
    public void Fingerprint_ConditionStatusDiffers_Different()
    {
        // Act
        var ready = NodeStatusPatch.Fingerprint(Status(null, Condition("Ready", "True")));
        var notReady = NodeStatusPatch.Fingerprint(Status(null, Condition("Ready", "False")));

        // Assert
        notReady.ShouldNotBe(ready);
    }

    [Fact]
    public void Fingerprint_TransitionTimeDiffers_Different()
    {
        // Act
        var first = NodeStatusPatch.Fingerprint(Status(null, Condition("Ready", "True", transition: Now.AddHours(-1))));
        var second = NodeStatusPatch.Fingerprint(Status(null, Condition("Ready", "True", transition: Now)));

        // Assert
        second.ShouldNotBe(first);
    }

    [Fact]
    public void Fingerprint_OtherFieldDiffers_Different()
    {
        // Arrange
        var status = Status();

        // Act
        var first = NodeStatusPatch.Fingerprint(status);
        var second = NodeStatusPatch.Fingerprint(status with { Addresses = [new NodeAddress { Type = "Hostname", Address = "edge-1" }] });

        // Assert
        second.ShouldNotBe(first);
    }

    [Fact]
    public void Fingerprint_DoesNotChangeTheStatus()
    {
        // Arrange
        var status = Status(null, Condition("Ready", "True"), Condition("DiskPressure", "False"));

        // Act
        NodeStatusPatch.Fingerprint(status);

        // Assert
        status.Conditions.ShouldNotBeNull().Select(c => c.Type).ShouldBe(["Ready", "DiskPressure"]);
        status.Conditions.ShouldAllBe(c => c.LastHeartbeatTime == Now);
    }
}
