namespace EdgeNode.Core.Runtime;

/// <summary>A container's detailed status; times are null when the event has not happened.</summary>
public sealed record ContainerStatusInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public uint Attempt { get; init; }
    public ContainerRunState State { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public int ExitCode { get; init; }
    public string Image { get; init; } = "";
    public string ImageRef { get; init; } = "";

    /// <summary>Runtime-provided reason for an exited container (Completed, Error, OOMKilled, StartError …).</summary>
    public string Reason { get; init; } = "";

    public string Message { get; init; } = "";
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
    public string LogPath { get; init; } = "";
}
