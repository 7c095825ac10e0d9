namespace EdgeNode.Cri;

/// <summary>How <see cref="CriRuntimeClient"/> reaches the container runtime and how long it waits.</summary>
public sealed record CriClientOptions
{
    public const string DefaultEndpoint = "unix:///run/containerd/containerd.sock";

    /// <summary><c>unix:///path/to.sock</c> or a bare absolute socket path (the kubelet's containerRuntimeEndpoint).</summary>
    public string Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>Deadline of every ordinary call (the kubelet's runtimeRequestTimeout); stop and exec calls get their own timeout on top.</summary>
    public TimeSpan RuntimeRequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Deadline of PullImage, so a pull from an unresponsive registry cannot hang forever.</summary>
    public TimeSpan ImagePullTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
