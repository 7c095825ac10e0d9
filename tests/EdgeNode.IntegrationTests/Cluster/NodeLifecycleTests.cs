using EdgeNode.IntegrationTests.Infrastructure;
using Shouldly;

namespace EdgeNode.IntegrationTests.Cluster;

/// <summary>A short node-monitor grace period (20 s) keeps this test quick; the mechanism is the same as with 40 s.</summary>
public sealed class NodeLifecycleTests() : ClusterTestBase(nodeMonitorGracePeriod: "20s")
{
    [Fact]
    public async Task AgentStopped_ControllerMarksNodeUnknown_ReadyAgainAfterRestart()
    {
        var agent = StartClusterAgent();
        await WaitForJsonAsync("the node is Ready", n => Condition(n, "Ready") == "True", TimeSpan.FromSeconds(30), "node", AgentTestBed.NodeName);

        await agent.StopAsync();
        var unknown = await WaitForJsonAsync("the controller marks the node Unknown", n => Condition(n, "Ready") == "Unknown",
            TimeSpan.FromSeconds(60), "node", AgentTestBed.NodeName);
        var ready = unknown["status"]!["conditions"]!.AsArray().Single(c => (string)c!["type"]! == "Ready")!;
        ((string)ready["reason"]!).ShouldBe("NodeStatusUnknown");
        ((string)ready["message"]!).ShouldBe("Kubelet stopped posting node status.");

        StartClusterAgent();
        await WaitForJsonAsync("the node is Ready again", n => Condition(n, "Ready") == "True", TimeSpan.FromSeconds(20), "node", AgentTestBed.NodeName);
    }
}
