using System.Runtime.InteropServices;
using EdgeNode.Kube.Api;
using Shouldly;

namespace EdgeNode.Kube.Tests.Api;

public sealed class KubeUserAgentTests
{
    [Theory]
    [InlineData("0.1.0+abc1234", Architecture.Arm64, "edgenode/0.1.0 (linux/arm64)")]
    [InlineData("0.2.0", Architecture.X64, "edgenode/0.2.0 (linux/amd64)")]
    [InlineData("1.0.0", Architecture.Arm, "edgenode/1.0.0 (linux/arm)")]
    public void Create_VersionAndArchitecture_ShapedLikeKubeletUserAgent(string version, Architecture architecture, string expected)
    {
        KubeUserAgent.Create(version, architecture).ShouldBe(expected);
    }
}
