using EdgeNode.IntegrationTests.Infrastructure;

namespace EdgeNode.IntegrationTests.Agent;

/// <summary>Every agent test gets a fresh containerd, manifest folder and agent state (xunit makes one instance per test).</summary>
public abstract class AgentTestBase : IAsyncLifetime
{
    protected static readonly TimeSpan Startup = TimeSpan.FromSeconds(30);

    protected AgentTestBed Bed { get; } = new();

    public virtual ValueTask InitializeAsync() => Bed.InitializeAsync();

    public ValueTask DisposeAsync() => Bed.DisposeAsync();

    protected static string Pod(string name, string spec, string restartPolicy = "Always", int grace = 30) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        spec:
          restartPolicy: {restartPolicy}
          terminationGracePeriodSeconds: {grace}
        {spec}
        """;
}
