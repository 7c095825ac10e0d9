using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Agent.Cli;

/// <summary>Builds pod reports from the container runtime alone, for `edgenode pods` when no agent is running.</summary>
internal static class RuntimePodReader
{
    public static async Task<List<PodReport>> ReadAsync(ICriRuntime runtime, CancellationToken cancellationToken)
    {
        var reader = new PodRuntimeStateReader(runtime);
        var version = await runtime.VersionAsync(cancellationToken);
        var reports = new List<PodReport>();
        foreach (var sandbox in (await runtime.ListPodSandboxesAsync(PodLabels.ManagedSelector, cancellationToken)).GroupBy(s => s.Uid).Select(g => g.OrderByDescending(s => s.CreatedAt).First()))
        {
            var state = await reader.ReadAsync(sandbox.Uid, cancellationToken);
            var statuses = state.Containers.GroupBy(c => c.Name).Select(g => ContainerStatusOf(g.First(), version.RuntimeName)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            reports.Add(new PodReport
            {
                Namespace = sandbox.Namespace,
                Name = sandbox.Name,
                Uid = sandbox.Uid,
                Source = sandbox.Annotations.GetValueOrDefault(PodAnnotations.ConfigSource, ""),
                ManifestPath = sandbox.Annotations.GetValueOrDefault(PodAnnotations.ManifestPath),
                Status = new PodStatus
                {
                    Phase = state.HasReadySandbox ? PodPhases.Running : PodPhases.Unknown,
                    PodIP = string.IsNullOrEmpty(state.SandboxIp) ? null : state.SandboxIp,
                    ContainerStatuses = statuses,
                },
            });
        }
        return reports;
    }

    private static ContainerStatus ContainerStatusOf(ObservedContainer c, string runtimeName) => new()
    {
        Name = c.Name,
        RestartCount = c.RestartCount,
        Ready = c.State == ContainerRunState.Running,
        ContainerID = $"{runtimeName}://{c.Id}",
        ImageID = c.Status.ImageRef,
        State = c.State switch
        {
            ContainerRunState.Running => new ContainerState { Running = new ContainerStateRunning { StartedAt = c.Status.StartedAt } },
            ContainerRunState.Exited => new ContainerState
            {
                Terminated = new ContainerStateTerminated { ExitCode = c.Status.ExitCode, Reason = c.Status.Reason, Message = c.Status.Message, FinishedAt = c.Status.FinishedAt },
            },
            _ => new ContainerState { Waiting = new ContainerStateWaiting { Reason = c.State.ToString() } },
        },
    };
}
