using EdgeNode.Cri.Mapping;
using Shouldly;

namespace EdgeNode.Cri.Tests.Mapping;

public sealed class RuntimeInfoMapperTests
{
    [Fact]
    public void ToVersion_Response_MapsNameVersionAndApiVersion()
    {
        var version = RuntimeInfoMapper.ToVersion(new V1.VersionResponse
        {
            Version = "0.1.0",
            RuntimeName = "containerd",
            RuntimeVersion = "1.6.20~ds1",
            RuntimeApiVersion = "v1",
        });

        version.RuntimeName.ShouldBe("containerd");
        version.Version.ShouldBe("1.6.20~ds1");
        version.ApiVersion.ShouldBe("v1");
    }

    [Fact]
    public void ToHealth_BothReady_ReadyWithEmptyMessage()
    {
        var health = RuntimeInfoMapper.ToHealth(Status(Condition("RuntimeReady", true), Condition("NetworkReady", true)));

        health.RuntimeReady.ShouldBeTrue();
        health.NetworkReady.ShouldBeTrue();
        health.Message.ShouldBe("");
    }

    [Fact]
    public void ToHealth_NetworkNotReady_KubeletStyleMessage()
    {
        var network = Condition("NetworkReady", false, "NetworkPluginNotReady", "Network plugin returns error: cni plugin not initialized");

        var health = RuntimeInfoMapper.ToHealth(Status(Condition("RuntimeReady", true), network));

        health.RuntimeReady.ShouldBeTrue();
        health.NetworkReady.ShouldBeFalse();
        health.Message.ShouldBe(
            "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady " +
            "message:Network plugin returns error: cni plugin not initialized");
    }

    [Fact]
    public void ToHealth_RuntimeNotReadyAndNetworkMissing_BothProblemsInMessage()
    {
        var health = RuntimeInfoMapper.ToHealth(Status(Condition("RuntimeReady", false, "Broken", "shim failed")));

        health.RuntimeReady.ShouldBeFalse();
        health.NetworkReady.ShouldBeFalse();
        health.Message.ShouldBe(
            "container runtime not ready: RuntimeReady=false reason:Broken message:shim failed, " +
            "container runtime network not ready: NetworkReady condition not reported");
    }

    [Fact]
    public void ToHealth_NoStatus_StatusCheckNotCompleted()
    {
        var health = RuntimeInfoMapper.ToHealth(new V1.StatusResponse());

        health.RuntimeReady.ShouldBeFalse();
        health.Message.ShouldBe("container runtime status check may not have completed yet");
    }

    private static V1.StatusResponse Status(params V1.RuntimeCondition[] conditions) =>
        new() { Status = new V1.RuntimeStatus { Conditions = { conditions } } };

    private static V1.RuntimeCondition Condition(string type, bool status, string reason = "", string message = "") =>
        new() { Type = type, Status = status, Reason = reason, Message = message };
}
