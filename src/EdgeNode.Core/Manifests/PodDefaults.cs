using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Manifests;

/// <summary>
/// The v1 API defaults the API server would have filled in, so that static pods look like API pods.
/// As in Kubernetes, an empty string counts as unset.
/// </summary>
public static class PodDefaults
{
    private const string Namespace = "default";
    private const long TerminationGracePeriodSeconds = 30;
    private const string TerminationMessagePath = "/dev/termination-log";

    public static Pod Apply(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var spec = pod.Spec;
        return pod with
        {
            Metadata = pod.Metadata with { Namespace = Or(pod.Metadata.Namespace, Namespace) },
            Spec = spec with
            {
                RestartPolicy = Or(spec.RestartPolicy, "Always"),
                TerminationGracePeriodSeconds = spec.TerminationGracePeriodSeconds ?? TerminationGracePeriodSeconds,
                DnsPolicy = Or(spec.DnsPolicy, "ClusterFirst"),
                Containers = spec.Containers.Select(ApplyContainer).ToList(),
                InitContainers = spec.InitContainers?.Select(ApplyContainer).ToList(),
                Volumes = spec.Volumes?.Select(ApplyVolume).ToList(),
            },
        };
    }

    private static Container ApplyContainer(Container container) => container with
    {
        ImagePullPolicy = Or(container.ImagePullPolicy, ImagePullPolicyFor(container.Image)),
        TerminationMessagePath = Or(container.TerminationMessagePath, TerminationMessagePath),
        TerminationMessagePolicy = Or(container.TerminationMessagePolicy, "File"),
        Ports = container.Ports?.Select(p => p with { Protocol = Or(p.Protocol, "TCP") }).ToList(),
        Resources = ApplyResources(container.Resources),
        LivenessProbe = ApplyProbe(container.LivenessProbe),
        ReadinessProbe = ApplyProbe(container.ReadinessProbe),
        StartupProbe = ApplyProbe(container.StartupProbe),
        Lifecycle = container.Lifecycle is { } lifecycle
            ? lifecycle with { PostStart = ApplyHandler(lifecycle.PostStart), PreStop = ApplyHandler(lifecycle.PreStop) }
            : null,
    };

    /// <summary>A resource with a limit and no request is requested at its limit (as the API server does).</summary>
    private static ResourceRequirements? ApplyResources(ResourceRequirements? resources)
    {
        if (resources?.Limits is not { Count: > 0 } limits)
        {
            return resources;
        }
        var requests = new Dictionary<string, Quantity>(resources.Requests ?? [], StringComparer.Ordinal);
        foreach (var (name, limit) in limits)
        {
            requests.TryAdd(name, limit);
        }
        return resources with { Requests = requests };
    }

    // Zero counts as unset for these, as in the v1 API defaults.
    private static Probe? ApplyProbe(Probe? probe) => probe is null ? null : probe with
    {
        InitialDelaySeconds = probe.InitialDelaySeconds ?? 0,
        TimeoutSeconds = probe.TimeoutSeconds is null or 0 ? 1 : probe.TimeoutSeconds,
        PeriodSeconds = probe.PeriodSeconds is null or 0 ? 10 : probe.PeriodSeconds,
        SuccessThreshold = probe.SuccessThreshold is null or 0 ? 1 : probe.SuccessThreshold,
        FailureThreshold = probe.FailureThreshold is null or 0 ? 3 : probe.FailureThreshold,
        HttpGet = ApplyHttpGet(probe.HttpGet),
    };

    private static LifecycleHandler? ApplyHandler(LifecycleHandler? handler) =>
        handler is null ? null : handler with { HttpGet = ApplyHttpGet(handler.HttpGet) };

    private static HttpGetAction? ApplyHttpGet(HttpGetAction? httpGet) =>
        httpGet is null ? null : httpGet with { Path = Or(httpGet.Path, "/"), Scheme = Or(httpGet.Scheme, "HTTP") };

    private static Volume ApplyVolume(Volume volume) =>
        volume.HostPath is { } hostPath ? volume with { HostPath = hostPath with { Type = hostPath.Type ?? "" } } : volume;

    /// <summary>Always for ":latest" or an image without tag or digest, else IfNotPresent.</summary>
    private static string ImagePullPolicyFor(string? image)
    {
        if (image?.Contains('@') == true)
        {
            return "IfNotPresent";
        }
        var name = image?[(image.LastIndexOf('/') + 1)..] ?? "";
        var colon = name.IndexOf(':');
        return colon < 0 || name[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    private static string Or(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;
}
