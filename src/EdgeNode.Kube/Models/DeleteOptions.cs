namespace EdgeNode.Kube.Models;

/// <summary>
/// The body of a DELETE. The kubelet deletes a fully terminated pod with
/// <c>{gracePeriodSeconds: 0, preconditions: {uid}}</c>, see <see cref="ForTerminatedPod"/>.
/// </summary>
public sealed record DeleteOptions
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "DeleteOptions";
    public long? GracePeriodSeconds { get; init; }
    public Preconditions? Preconditions { get; init; }

    /// <summary><c>Orphan</c>, <c>Background</c> or <c>Foreground</c>.</summary>
    public string? PropagationPolicy { get; init; }

    public List<string>? DryRun { get; init; }

    /// <summary>What the kubelet sends once a pod is fully terminated: delete now, but only this incarnation of the pod.</summary>
    public static DeleteOptions ForTerminatedPod(string uid) =>
        new() { GracePeriodSeconds = 0, Preconditions = new Preconditions { Uid = uid } };
}
