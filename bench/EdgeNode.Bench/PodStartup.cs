namespace EdgeNode.Bench;

/// <summary>One measured pod start: manifest renamed into the folder → all containers RUNNING in containerd → Ready in the agent's status.</summary>
public sealed record PodStartup(string PodFullName, int Containers, Instant RenamedAt, Instant RunningAt, Instant ReadyAt)
{
    public TimeSpan ToRunning => RunningAt.Since(RenamedAt);
    public TimeSpan ToReady => ReadyAt.Since(RenamedAt);
}
