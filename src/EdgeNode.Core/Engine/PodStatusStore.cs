using System.Collections.Concurrent;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Sources;

namespace EdgeNode.Core.Engine;

/// <summary>The latest status of every pod and the current manifest problems, read by the status endpoint.</summary>
public sealed class PodStatusStore : IPodStatusSink
{
    private readonly ConcurrentDictionary<string, PodReport> _pods = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<ManifestProblem> _problems = [];

    public void Publish(DesiredPod pod, PodStatus status) =>
        _pods[pod.Uid] = new PodReport
        {
            Namespace = pod.Namespace,
            Name = pod.Name,
            Uid = pod.Uid,
            Source = pod.Source,
            ManifestPath = pod.ManifestPath,
            Status = status,
        };

    public void Remove(string uid) => _pods.TryRemove(uid, out _);

    public void SetProblems(IReadOnlyList<ManifestProblem> problems) => _problems = problems;

    /// <summary>Pods sorted by namespace and name, each with the manifest problem that concerns it, plus problems without a pod.</summary>
    public IReadOnlyList<PodReport> Snapshot()
    {
        var problems = _problems;
        var reports = new List<PodReport>();
        foreach (var pod in _pods.Values)
        {
            var problem = problems.FirstOrDefault(p => p.Path == pod.ManifestPath && (p.PodName is null || p.PodName == pod.Name));
            reports.Add(problem is null ? pod : pod with { Problem = problem.Message });
        }
        foreach (var problem in problems.Where(p => !reports.Any(r => r.ManifestPath == p.Path && (p.PodName is null || p.PodName == r.Name))))
        {
            reports.Add(new PodReport
            {
                Namespace = problem.Namespace ?? "",
                Name = problem.PodName ?? "",
                Source = "file",
                ManifestPath = problem.Path,
                Problem = problem.Message,
            });
        }
        return reports.OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.ManifestPath, StringComparer.Ordinal).ToList();
    }
}
