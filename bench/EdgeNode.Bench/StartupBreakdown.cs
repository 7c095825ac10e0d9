namespace EdgeNode.Bench;

/// <summary>
/// Where one pod start's time went, from the bench's own timestamps, the agent's log and containerd's log
/// (one clock, one machine). The parts add up to the time to RUNNING.
/// </summary>
public sealed record StartupBreakdown
{
    /// <summary>Rename → the agent logs "Pod … added": file watch, debounce, reading and validating the manifest.</summary>
    public required TimeSpan ManifestSeen { get; init; }

    /// <summary>"Pod … added" → containerd receives RunPodSandbox: pod manager, worker, sandbox config.</summary>
    public required TimeSpan AgentBeforeSandbox { get; init; }

    public required TimeSpan RunPodSandbox { get; init; }
    public required TimeSpan CreateContainer { get; init; }
    public required TimeSpan StartContainer { get; init; }

    /// <summary>Between the CRI calls above: the agent's runtime reads, image check, container config, and its gRPC round trips.</summary>
    public required TimeSpan AgentBetweenCalls { get; init; }

    /// <summary>Last StartContainer returned → the bench's next CRI poll saw every container RUNNING.</summary>
    public required TimeSpan Observed { get; init; }

    public TimeSpan Cri => RunPodSandbox + CreateContainer + StartContainer;

    /// <summary>Null when a log lacks the pod (log missing, rotated, or a call failed).</summary>
    public static StartupBreakdown? Of(PodStartup start, DateTimeOffset? added, IReadOnlyList<CriCallSpan>? calls)
    {
        if (added is not { } seen || calls is null || !calls.Any(c => c.Method == "RunPodSandbox") || calls.Count(c => c.Method == "StartContainer") < start.Containers)
        {
            return null;
        }
        TimeSpan Sum(string method) => calls.Where(c => c.Method == method).Aggregate(TimeSpan.Zero, (total, c) => total + c.Duration);
        var first = calls.Min(c => c.Begin);
        var last = calls.Max(c => c.End);
        var breakdown = new StartupBreakdown
        {
            ManifestSeen = seen - start.RenamedAt.Wall,
            AgentBeforeSandbox = first - seen,
            RunPodSandbox = Sum("RunPodSandbox"),
            CreateContainer = Sum("CreateContainer"),
            StartContainer = Sum("StartContainer"),
            AgentBetweenCalls = TimeSpan.Zero,
            Observed = start.RunningAt.Wall - last,
        };
        return breakdown with { AgentBetweenCalls = last - first - breakdown.Cri };
    }
}
