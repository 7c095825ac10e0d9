using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using EdgeNode.Cri;

namespace EdgeNode.Bench;

/// <summary>Watches containerd over CRI (the bench's own client) for what the agent did; fails when the agent dies while it waits.</summary>
public sealed class RuntimeObserver(CriRuntimeClient runtime, int agentPid, TimeSpan poll) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Polls until the pod has <paramref name="containers"/> containers and all of them are RUNNING; returns when that was seen.</summary>
    public async Task<Instant> WaitRunningAsync(string podFullName, int containers, CancellationToken cancellationToken)
    {
        var selector = new Dictionary<string, string> { [PodLabels.PodName] = podFullName };
        var start = Instant.Now();
        while (true)
        {
            var listed = await runtime.ListContainersAsync(selector, cancellationToken);
            var now = Instant.Now();
            if (listed.Count == containers && listed.All(c => c.State == ContainerRunState.Running))
            {
                return now;
            }
            Check(now.Since(start), $"pod {podFullName} to have {containers} running containers (has: {Describe(listed)})");
            await Task.Delay(poll, cancellationToken);
        }
    }

    /// <summary>Polls until containerd has no containers and no sandboxes left (the private instance holds only the bench's pods).</summary>
    public async Task WaitEmptyAsync(CancellationToken cancellationToken)
    {
        var start = Instant.Now();
        while (true)
        {
            var sandboxes = await runtime.ListPodSandboxesAsync(null, cancellationToken);
            var containers = await runtime.ListContainersAsync(null, cancellationToken);
            if (sandboxes.Count == 0 && containers.Count == 0)
            {
                return;
            }
            Check(Instant.Now().Since(start), $"the agent to remove all pods ({sandboxes.Count} sandboxes and {containers.Count} containers left)");
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    public void Dispose() => runtime.Dispose();

    private void Check(TimeSpan waited, string what)
    {
        if (!ProcessSample.IsAlive(agentPid))
        {
            throw new BenchException($"the agent (pid {agentPid}) exited while waiting for {what}; see its log.");
        }
        if (waited > Timeout)
        {
            throw new BenchException($"gave up after {Timeout.TotalSeconds:F0} s waiting for {what}; see the agent's log.");
        }
    }

    private static string Describe(IReadOnlyList<ContainerInfo> containers) =>
        containers.Count == 0 ? "none" : string.Join(", ", containers.Select(c => $"{c.Name}={c.State}"));
}
