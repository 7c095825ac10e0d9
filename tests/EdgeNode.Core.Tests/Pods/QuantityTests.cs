using EdgeNode.Core.Pods;
using Shouldly;

namespace EdgeNode.Core.Tests.Pods;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("100m", 100)]
    [InlineData("1", 1000)]
    [InlineData("1.5", 1500)]
    [InlineData("2e3", 2_000_000)]
    [InlineData("0.0001", 1)]
    public void MilliValue_CpuQuantities_RoundsUp(string text, long expected) =>
        Quantity.Parse(text).MilliValue.ShouldBe(expected);

    [Theory]
    [InlineData("64Mi", 64L * 1024 * 1024)]
    [InlineData("1Gi", 1024L * 1024 * 1024)]
    [InlineData("1.5Ki", 1536)]
    [InlineData("128M", 128_000_000)]
    [InlineData("1k", 1000)]
    public void WholeValue_MemoryQuantities_ParsesSuffixes(string text, long expected) =>
        Quantity.Parse(text).WholeValue.ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("12Xi")]
    [InlineData("1e99")]
    [InlineData("Mi")]
    public void TryParse_Garbage_Fails(string text) => Quantity.TryParse(text, out _).ShouldBeFalse();
}
