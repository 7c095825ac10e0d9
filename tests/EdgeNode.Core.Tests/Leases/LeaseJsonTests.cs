using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeNode.Core.Json;
using EdgeNode.Core.Leases;
using EdgeNode.Core.Pods;
using Shouldly;

namespace EdgeNode.Core.Tests.Leases;

public sealed class LeaseJsonTests
{
    private static Lease Lease(DateTimeOffset? renewTime) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "edge-1",
            Namespace = "kube-node-lease",
            OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = "edge-1", Uid = "node-uid-1" }],
        },
        Spec = new LeaseSpec { HolderIdentity = "edge-1", LeaseDurationSeconds = 40, RenewTime = renewTime },
    };

    [Theory]
    [InlineData(1_234_567L, "2025-01-01T12:00:00.123456Z")]
    [InlineData(0L, "2025-01-01T12:00:00.000000Z")]
    [InlineData(10L, "2025-01-01T12:00:00.000001Z")]
    [InlineData(9_999_999L, "2025-01-01T12:00:00.999999Z")]
    public void Serialize_RenewTime_ExactlySixFractionalDigitsInUtc(long ticks, string expected)
    {
        // Arrange
        var time = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(ticks);

        // Act
        var json = JsonSerializer.SerializeToNode(Lease(time), ApiJsonContext.Default.Lease)!;

        // Assert
        json["spec"]!["renewTime"]!.GetValue<string>().ShouldBe(expected);
    }

    [Fact]
    public void Serialize_RenewTimeWithOffset_ConvertedToUtc()
    {
        // Arrange
        var time = new DateTimeOffset(2025, 1, 1, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(5_000_000);

        // Act
        var json = JsonSerializer.SerializeToNode(Lease(time), ApiJsonContext.Default.Lease)!;

        // Assert
        json["spec"]!["renewTime"]!.GetValue<string>().ShouldBe("2025-01-01T12:00:00.500000Z");
    }

    [Fact]
    public void Serialize_Lease_KubernetesShapeWithoutControllerFlags()
    {
        // Act
        var json = JsonSerializer.SerializeToNode(Lease(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero)), ApiJsonContext.Default.Lease)!;

        // Assert
        json["apiVersion"]!.GetValue<string>().ShouldBe("coordination.k8s.io/v1");
        json["kind"]!.GetValue<string>().ShouldBe("Lease");
        json["metadata"]!["namespace"]!.GetValue<string>().ShouldBe("kube-node-lease");
        var owner = json["metadata"]!["ownerReferences"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        owner.Select(p => p.Key).ShouldBe(["apiVersion", "kind", "name", "uid"], ignoreOrder: true);
        var spec = json["spec"]!.AsObject();
        spec.Select(p => p.Key).ShouldBe(["holderIdentity", "leaseDurationSeconds", "renewTime"], ignoreOrder: true);
        spec["leaseDurationSeconds"]!.GetValue<int>().ShouldBe(40);
    }

    [Fact]
    public void Deserialize_MicroTime_RoundTrips()
    {
        // Arrange
        var time = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);
        var json = JsonSerializer.Serialize(Lease(time), ApiJsonContext.Default.Lease);

        // Act
        var lease = JsonSerializer.Deserialize(json, ApiJsonContext.Default.Lease)!;

        // Assert
        lease.Spec.RenewTime.ShouldBe(time);
        lease.Spec.RenewTime!.Value.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Serialize_NoRenewTime_Omitted()
    {
        // Act
        var json = JsonSerializer.SerializeToNode(Lease(null), ApiJsonContext.Default.Lease)!.AsObject();

        // Assert
        json["spec"]!.AsObject().ContainsKey("renewTime").ShouldBeFalse();
    }
}
