namespace EdgeNode.Core.Pods;

/// <summary>Pod and CRI annotation keys (the kubelet's where they exist, EdgeNode's own under edgenode.io/).</summary>
public static class PodAnnotations
{
    public const string ConfigHash = "kubernetes.io/config.hash";
    public const string ConfigSource = "kubernetes.io/config.source";
    public const string ConfigSeen = "kubernetes.io/config.seen";
    public const string ConfigMirror = "kubernetes.io/config.mirror";

    public const string ContainerHash = "io.kubernetes.container.hash";
    public const string ContainerRestartCount = "io.kubernetes.container.restartCount";
    public const string ContainerTerminationMessagePath = "io.kubernetes.container.terminationMessagePath";
    public const string ContainerTerminationMessagePolicy = "io.kubernetes.container.terminationMessagePolicy";
    public const string ContainerPreStopHandler = "io.kubernetes.container.preStopHandler";
    public const string ContainerPorts = "io.kubernetes.container.ports";
    public const string PodTerminationGracePeriod = "io.kubernetes.pod.terminationGracePeriod";

    /// <summary>On containers: the image as written in the spec, to notice an in-place image change.</summary>
    public const string ContainerImage = "edgenode.io/image";

    /// <summary>On sandboxes of file pods: the manifest the pod came from.</summary>
    public const string ManifestPath = "edgenode.io/manifest-path";
}
