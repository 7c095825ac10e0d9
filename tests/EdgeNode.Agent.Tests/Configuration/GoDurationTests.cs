using EdgeNode.Agent.Configuration;
using Shouldly;

namespace EdgeNode.Agent.Tests.Configuration;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("20s", 20_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1.5s", 1_500)]
    public void TryParse_KubeletDurations_Parses(string text, long milliseconds)
    {
        GoDuration.TryParse(text, out var duration).ShouldBeTrue();
        duration.TotalMilliseconds.ShouldBe(milliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("20")]
    [InlineData("s")]
    [InlineData("20 s")]
    [InlineData("1d")]
    public void TryParse_Garbage_Fails(string text) => GoDuration.TryParse(text, out _).ShouldBeFalse();
}
