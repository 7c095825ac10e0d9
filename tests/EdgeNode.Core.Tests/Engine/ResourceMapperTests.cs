using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class ResourceMapperTests
{
    private const long Gi = 1024L * 1024 * 1024;

    private static Container With((string, string)[]? requests = null, (string, string)[]? limits = null) =>
        TestPods.Container("app") with
        {
            Resources = new ResourceRequirements
            {
                Requests = requests is null ? null : TestPods.Resources(requests),
                Limits = limits is null ? null : TestPods.Resources(limits),
            },
        };

    [Theory]
    [InlineData("500m", 512)]
    [InlineData("1", 1024)]
    [InlineData("100m", 102)]
    [InlineData("1m", 2)]
    public void Map_CpuRequest_SharesAre1024PerCpuWithMinimum2(string request, long shares)
    {
        // Act
        var resources = ResourceMapper.Map(With(requests: [("cpu", request)]), QosClass.Burstable, 4 * Gi);

        // Assert
        resources.CpuShares.ShouldBe(shares);
        resources.CpuQuota.ShouldBe(0);
        resources.CpuPeriod.ShouldBe(0);
    }

    [Fact]
    public void Map_NoCpuRequest_MinimumShares()
    {
        // Act
        var resources = ResourceMapper.Map(TestPods.Container("app"), QosClass.BestEffort, 4 * Gi);

        // Assert
        resources.CpuShares.ShouldBe(2);
        resources.MemoryLimitBytes.ShouldBe(0);
    }

    [Theory]
    [InlineData("1", 100_000)]
    [InlineData("250m", 25_000)]
    [InlineData("2", 200_000)]
    [InlineData("5m", 1_000)]
    public void Map_CpuLimit_QuotaOverPeriodOf100ms(string limit, long quota)
    {
        // Act
        var resources = ResourceMapper.Map(With(limits: [("cpu", limit)]), QosClass.Burstable, 4 * Gi);

        // Assert
        resources.CpuPeriod.ShouldBe(100_000);
        resources.CpuQuota.ShouldBe(quota);
    }

    [Fact]
    public void Map_CpuLimitWithoutRequest_SharesFromLimit()
    {
        // Act
        var resources = ResourceMapper.Map(With(limits: [("cpu", "250m")]), QosClass.Burstable, 4 * Gi);

        // Assert
        resources.CpuShares.ShouldBe(256);
    }

    [Fact]
    public void Map_MemoryLimit_InBytes()
    {
        // Act
        var resources = ResourceMapper.Map(With(limits: [("memory", "64Mi")]), QosClass.Burstable, 4 * Gi);

        // Assert
        resources.MemoryLimitBytes.ShouldBe(64L * 1024 * 1024);
    }

    [Fact]
    public void Map_GuaranteedPod_OomScoreAdjMinus997()
    {
        // Arrange
        (string, string)[] both = [("cpu", "1"), ("memory", "1Gi")];

        // Act
        var resources = ResourceMapper.Map(With(both, both), QosClass.Guaranteed, 4 * Gi);

        // Assert
        resources.OomScoreAdj.ShouldBe(-997);
    }

    [Fact]
    public void Map_BestEffortPod_OomScoreAdj1000()
    {
        // Act
        var resources = ResourceMapper.Map(TestPods.Container("app"), QosClass.BestEffort, 4 * Gi);

        // Assert
        resources.OomScoreAdj.ShouldBe(1000);
    }

    [Fact]
    public void Map_BurstableMemoryRequest_ScaledByNodeCapacity()
    {
        // Act: 1Gi of 4Gi → 1000 − 250
        var resources = ResourceMapper.Map(With(requests: [("memory", "1Gi")]), QosClass.Burstable, 4 * Gi);

        // Assert
        resources.OomScoreAdj.ShouldBe(750);
    }

    [Theory]
    [InlineData(0L, 999)] // 1000 would equal BestEffort: lowered to 999
    [InlineData(4 * Gi, 3)] // 0 is raised to 3
    [InlineData(8 * Gi, 3)] // negative is raised to 3
    [InlineData(2 * Gi, 500)]
    [InlineData(Gi / 1000, 1000 - 1)] // 1000 − 0.24 rounds to 1000, lowered to 999
    public void OomScoreAdj_Burstable_ClampedTo3Through999(long request, long expected)
    {
        // Act
        var adj = ResourceMapper.OomScoreAdj(QosClass.Burstable, request, 4 * Gi);

        // Assert
        adj.ShouldBe(expected);
    }

    [Fact]
    public void OomScoreAdj_BurstableUnknownCapacity_999()
    {
        // Act
        var adj = ResourceMapper.OomScoreAdj(QosClass.Burstable, Gi, 0);

        // Assert
        adj.ShouldBe(999);
    }
}
