using EdgeNode.Core.Engine;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class DurationsTests
{
    [Theory]
    [InlineData(10, "10s")]
    [InlineData(1.5, "1.5s")]
    [InlineData(0, "0s")]
    [InlineData(59, "59s")]
    [InlineData(60, "1m0s")]
    [InlineData(160, "2m40s")]
    [InlineData(300, "5m0s")]
    public void Format_Seconds_GoDurationText(double seconds, string expected) =>
        Durations.Format(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);
}
