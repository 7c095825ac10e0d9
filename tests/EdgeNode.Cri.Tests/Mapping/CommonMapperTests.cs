using EdgeNode.Core.Runtime;
using EdgeNode.Cri.Mapping;
using Shouldly;

namespace EdgeNode.Cri.Tests.Mapping;

public sealed class CommonMapperTests
{
    [Fact]
    public void ToNamespaceOption_DefaultModes_PidIsContainerNotPod()
    {
        var option = CommonMapper.ToNamespaceOption(new NamespaceModes());

        option.Network.ShouldBe(V1.NamespaceMode.Pod);
        option.Pid.ShouldBe(V1.NamespaceMode.Container);
        option.Ipc.ShouldBe(V1.NamespaceMode.Pod);
    }

    [Theory]
    [InlineData(NamespaceMode.Pod)]
    [InlineData(NamespaceMode.Container)]
    [InlineData(NamespaceMode.Node)]
    public void ToDomain_OfToCri_RoundTrips(NamespaceMode mode)
    {
        CommonMapper.ToDomain(CommonMapper.ToCri(mode)).ShouldBe(mode);
    }

    [Fact]
    public void FromUnixNanos_Nanoseconds_ConvertsToUtcTime()
    {
        var time = CommonMapper.FromUnixNanos(1_700_000_000_123_456_789);

        time.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddTicks(1_234_567));
        time.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void FromUnixNanosOrNull_Zero_ReturnsNull()
    {
        CommonMapper.FromUnixNanosOrNull(0).ShouldBeNull();
    }

    [Fact]
    public void ToInt64Value_Null_ReturnsNull()
    {
        CommonMapper.ToInt64Value(null).ShouldBeNull();
        CommonMapper.ToInt64Value(0)!.Value.ShouldBe(0);
    }
}
