using System.Text.Json.Nodes;
using EdgeNode.IntegrationTests.Infrastructure;
using Xunit.Sdk;

namespace EdgeNode.IntegrationTests.Cluster;

/// <summary>Each cluster test: a real control plane, a private containerd, and EdgeNode joined with the node's credentials.</summary>
public abstract class ClusterTestBase : IAsyncLifetime
{
    protected ClusterTestBase(string nodeMonitorGracePeriod = "40s")
    {
        ControlPlane = new ControlPlane(AgentTestBed.NodeName, nodeMonitorGracePeriod);
    }

    protected AgentTestBed Bed { get; } = new();
    protected ControlPlane ControlPlane { get; }

    public async ValueTask InitializeAsync() =>
        await Task.WhenAll(Bed.InitializeAsync().AsTask(), ControlPlane.InitializeAsync().AsTask());

    public async ValueTask DisposeAsync()
    {
        await Bed.DisposeAsync();
        await ControlPlane.DisposeAsync();
    }

    protected AgentProcess StartClusterAgent(params string[] extra) =>
        Bed.StartAgent(["--kubeconfig", ControlPlane.NodeKubeconfig, "--node-ip", "127.0.0.1", .. extra]);

    protected async Task<JsonNode> GetJsonAsync(params string[] kubectlArguments) =>
        JsonNode.Parse(await ControlPlane.KubectlAsync(["get", .. kubectlArguments, "-o", "json"]))!;

    /// <summary>Polls `kubectl get … -o json` until the condition holds.</summary>
    protected async Task<JsonNode> WaitForJsonAsync(string what, Func<JsonNode, bool> condition, TimeSpan timeout, params string[] kubectlArguments)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var json = await GetJsonAsync(kubectlArguments);
                last = json.ToJsonString();
                if (condition(json))
                {
                    return json;
                }
            }
            catch (InvalidOperationException e)
            {
                last = e.Message; // not there yet: kubectl exits 1 for NotFound
            }
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        throw new XunitException($"timed out waiting until {what}; last: {last[..Math.Min(3000, last.Length)]}\nagent log:\n{Bed.Agent?.Log()}");
    }

    protected static string? Condition(JsonNode obj, string type) =>
        obj["status"]?["conditions"]?.AsArray().FirstOrDefault(c => (string?)c?["type"] == type)?["status"]?.GetValue<string>();
}
