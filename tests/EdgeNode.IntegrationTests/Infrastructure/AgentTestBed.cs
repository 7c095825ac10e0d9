using EdgeNode.Agent.Status;
using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Cri;
using Xunit.Sdk;

namespace EdgeNode.IntegrationTests.Infrastructure;

/// <summary>
/// One test's world: its own containerd (own socket, root, CNI bridge), a manifest folder, the agent's
/// root and log folders, a CRI client for looking at what really runs, and the agent processes started.
/// </summary>
public sealed class AgentTestBed : IAsyncLifetime
{
    public const string NodeName = "test-node";
    private readonly List<AgentProcess> _agents = [];
    private int _agentCount;

    public ContainerdInstance Containerd { get; } = new();
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("edgenode-agent-test-").FullName;
    public string Manifests => Path.Combine(Directory, "manifests");
    public string RootDir => Path.Combine(Directory, "root");
    public string PodLogs => Path.Combine(Directory, "logs");
    public CriRuntimeClient Runtime { get; private set; } = null!;
    public AgentProcess? Agent => _agents.LastOrDefault();

    public async ValueTask InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Manifests);
        await Containerd.InitializeAsync();
        Runtime = new CriRuntimeClient(new CriClientOptions { Endpoint = Containerd.Endpoint, RuntimeRequestTimeout = TimeSpan.FromSeconds(30) });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }
        Runtime.Dispose();
        await Containerd.DisposeAsync();
        // Secret volumes of pods still running at the end are tmpfs mounts under the agent's root.
        foreach (var mount in File.ReadAllLines("/proc/mounts").Select(l => l.Split(' ')[1]).Where(m => m.StartsWith(Directory + "/", StringComparison.Ordinal)).OrderDescending())
        {
            await ProcessRunner.RunAsync("umount", ["-l", mount], TimeSpan.FromSeconds(30));
        }
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    public AgentProcess StartAgent(params string[] extraArguments) => StartAgent(null, extraArguments);

    public AgentProcess StartAgent(IReadOnlyDictionary<string, string>? environment, params string[] extraArguments)
    {
        var agent = AgentProcess.Start(
            Path.Combine(Directory, $"agent-{++_agentCount}.log"),
            environment,
            ["run", "--pod-manifest-path", Manifests, "--container-runtime-endpoint", Containerd.Endpoint, "--root-dir", RootDir,
             "--pod-logs-dir", PodLogs, "--hostname-override", NodeName, "--file-check-frequency", "2s", .. extraArguments]);
        _agents.Add(agent);
        return agent;
    }

    public void WriteManifest(string fileName, string yaml) =>
        File.WriteAllText(Path.Combine(Manifests, fileName), yaml);

    public void RemoveManifest(string fileName) => File.Delete(Path.Combine(Manifests, fileName));

    /// <summary>The agent's current pod reports (empty while it is not serving yet).</summary>
    public async Task<IReadOnlyList<PodReport>> PodsAsync() =>
        await StatusClient.GetPodsAsync(Path.Combine(RootDir, "edgenode.sock"), TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken) ?? [];

    /// <summary>Polls the agent until a pod named <c>&lt;name&gt;-test-node</c> satisfies the condition.</summary>
    public async Task<PodReport> WaitForPodAsync(string name, Func<PodReport, bool> condition, TimeSpan timeout, string what)
    {
        var fullName = $"{name}-{NodeName}";
        var deadline = DateTime.UtcNow + timeout;
        PodReport? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = (await PodsAsync()).FirstOrDefault(p => p.Name == fullName || (p.Name.Length == 0 && p.ManifestPath?.Contains(name, StringComparison.Ordinal) == true));
            if (last is not null && condition(last))
            {
                return last;
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        throw new XunitException($"pod {fullName} did not become {what} within {timeout}; last report: {Describe(last)}\nagent log:\n{Agent?.Log()}");
    }

    public static bool IsReady(PodReport pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public static ContainerStatus? Container(PodReport pod, string name) =>
        pod.Status?.ContainerStatuses?.Concat(pod.Status.InitContainerStatuses ?? []).FirstOrDefault(c => c.Name == name);

    private static string Describe(PodReport? pod) => pod is null ? "(none)" :
        $"phase={pod.Status?.Phase} problem={pod.Problem} containers=[{string.Join("; ", (pod.Status?.ContainerStatuses ?? []).Select(c => $"{c.Name}: waiting={c.State.Waiting?.Reason} {c.State.Waiting?.Message} running={c.State.Running is not null} terminated={c.State.Terminated?.Reason} restarts={c.RestartCount} ready={c.Ready}"))}]";
}
