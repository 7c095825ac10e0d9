namespace EdgeNode.Core.Pods;

/// <summary>CRI label keys the kubelet puts on sandboxes and containers (read back to adopt them).</summary>
public static class PodLabels
{
    public const string PodName = "io.kubernetes.pod.name";
    public const string PodNamespace = "io.kubernetes.pod.namespace";
    public const string PodUid = "io.kubernetes.pod.uid";
    public const string ContainerName = "io.kubernetes.container.name";

    /// <summary>Marks sandboxes and containers EdgeNode created, so it never touches anything else on the runtime.</summary>
    public const string ManagedBy = "edgenode.io/managed";

    /// <summary>The label selector for everything EdgeNode created on the runtime.</summary>
    public static readonly IReadOnlyDictionary<string, string> ManagedSelector = new Dictionary<string, string> { [ManagedBy] = "true" };
}
