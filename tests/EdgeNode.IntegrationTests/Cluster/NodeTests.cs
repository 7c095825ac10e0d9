using System.Text.Json.Nodes;
using EdgeNode.IntegrationTests.Infrastructure;
using Shouldly;

namespace EdgeNode.IntegrationTests.Cluster;

public sealed class NodeTests : ClusterTestBase
{
    [Fact]
    public async Task Agent_JoinsTheControlPlane_RegistersReadyWithAddressesCapacityAndNodeInfo()
    {
        StartClusterAgent("--node-labels", "edge.example.com/site=kitchen");

        var node = await WaitForJsonAsync("the node is Ready", n => Condition(n, "Ready") == "True", TimeSpan.FromSeconds(30), "node", AgentTestBed.NodeName);

        var status = node["status"]!;
        status["addresses"]!.AsArray().Select(a => $"{a!["type"]}={a["address"]}").ShouldBe(["InternalIP=127.0.0.1", $"Hostname={AgentTestBed.NodeName}"]);
        var capacity = status["capacity"]!;
        ((string)capacity["cpu"]!).ShouldBe(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ((string)capacity["pods"]!).ShouldBe("110");
        ((string?)capacity["memory"]).ShouldNotBeNullOrEmpty();
        ((string?)capacity["ephemeral-storage"]).ShouldNotBeNullOrEmpty();
        Bytes((string)status["allocatable"]!["memory"]!).ShouldBe(Bytes((string)capacity["memory"]!) - 100L * 1024 * 1024);
        var info = status["nodeInfo"]!;
        ((string)info["containerRuntimeVersion"]!).ShouldStartWith("containerd://1.6");
        ((string)info["kubeletVersion"]!).ShouldBe("v1.30.0");
        ((string)info["operatingSystem"]!).ShouldBe("linux");
        ((string)info["architecture"]!).ShouldBe("amd64");
        ((string?)info["bootID"]).ShouldNotBeNullOrEmpty();
        ((int)status["daemonEndpoints"]!["kubeletEndpoint"]!["Port"]!).ShouldBe(10250);
        var labels = node["metadata"]!["labels"]!;
        ((string)labels["kubernetes.io/hostname"]!).ShouldBe(AgentTestBed.NodeName);
        ((string)labels["kubernetes.io/os"]!).ShouldBe("linux");
        ((string)labels["kubernetes.io/arch"]!).ShouldBe("amd64");
        ((string)labels["edge.example.com/site"]!).ShouldBe("kitchen");
        status["conditions"]!.AsArray().Select(c => (string)c!["type"]!).Last().ShouldBe("Ready");
        ((string)status["conditions"]!.AsArray().Single(c => (string)c!["type"]! == "MemoryPressure")!["reason"]!).ShouldBe("KubeletHasSufficientMemory");
    }

    [Fact]
    public async Task Lease_RenewedAboutEveryTenSeconds_OwnedByTheNode()
    {
        StartClusterAgent();
        var first = await WaitForJsonAsync("the lease exists", _ => true, TimeSpan.FromSeconds(30), "lease", "-n", "kube-node-lease", AgentTestBed.NodeName);
        var firstRenew = DateTimeOffset.Parse((string)first["spec"]!["renewTime"]!, System.Globalization.CultureInfo.InvariantCulture);

        await Task.Delay(TimeSpan.FromSeconds(11), TestContext.Current.CancellationToken);
        var second = await GetJsonAsync("lease", "-n", "kube-node-lease", AgentTestBed.NodeName);

        var secondRenew = DateTimeOffset.Parse((string)second["spec"]!["renewTime"]!, System.Globalization.CultureInfo.InvariantCulture);
        (secondRenew - firstRenew).ShouldBeInRange(TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(11.5));
        ((string)second["spec"]!["holderIdentity"]!).ShouldBe(AgentTestBed.NodeName);
        ((int)second["spec"]!["leaseDurationSeconds"]!).ShouldBe(40);
        ((string)second["spec"]!["renewTime"]!).ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$");
        var owner = second["metadata"]!["ownerReferences"]!.AsArray().Single()!;
        ((string)owner["kind"]!).ShouldBe("Node");
        ((string)owner["name"]!).ShouldBe(AgentTestBed.NodeName);
    }

    [Fact]
    public async Task NodeCredentials_CannotModifyAnotherNode()
    {
        StartClusterAgent();
        await WaitForJsonAsync("the node is Ready", n => Condition(n, "Ready") == "True", TimeSpan.FromSeconds(30), "node", AgentTestBed.NodeName);
        await ControlPlane.KubectlAsync("create", "-f", WriteNode("other-node"));

        var error = await Should.ThrowAsync<InvalidOperationException>(() =>
            ControlPlane.KubectlAsAsync(ControlPlane.NodeKubeconfig, "label", "node", "other-node", "hacked=true"));

        error.Message.ShouldContain("forbidden", Case.Insensitive);
        (await ControlPlane.KubectlAsAsync(ControlPlane.NodeKubeconfig, "label", "node", AgentTestBed.NodeName, "own=true", "--overwrite")).ShouldContain("labeled");
    }

    private string WriteNode(string name)
    {
        var path = Path.Combine(Bed.Directory, $"{name}.json");
        File.WriteAllText(path, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Node", ["metadata"] = new JsonObject { ["name"] = name } }.ToJsonString());
        return path;
    }

    private static long Bytes(string quantity) => EdgeNode.Core.Pods.Quantity.Parse(quantity).WholeValue;
}
