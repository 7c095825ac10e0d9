using System.Globalization;
using System.Text.Json;
using EdgeNode.Core.Json;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Engine;

/// <summary>Builds the CRI container configuration of one container instance the way the kubelet does.</summary>
public sealed class ContainerSpecFactory(PodEngineOptions options)
{
    // The kubelet's default /proc masking (containerd applies none when the list is empty).
    private static readonly string[] DefaultMaskedPaths =
    [
        "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    private static readonly string[] DefaultReadonlyPaths =
        ["/proc/asound", "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    public ContainerSpec Create(DesiredPod pod, Container container, ContainerStartContext context)
    {
        var spec = pod.Pod.Spec;
        var env = Environment(pod, container, context.PodIp);
        var lookup = env.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        string Expand(string s) => EnvExpansion.Expand(s, name => lookup.GetValueOrDefault(name));
        var security = Security(pod, container, context.Image);
        var restart = context.RestartCount.ToString(CultureInfo.InvariantCulture);

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PodAnnotations.ContainerHash] = Hash(container),
            [PodAnnotations.ContainerRestartCount] = restart,
            [PodAnnotations.ContainerTerminationMessagePath] = container.TerminationMessagePath ?? "",
            [PodAnnotations.ContainerTerminationMessagePolicy] = container.TerminationMessagePolicy ?? "File",
            [PodAnnotations.PodTerminationGracePeriod] = (spec.TerminationGracePeriodSeconds ?? 30).ToString(CultureInfo.InvariantCulture),
            [PodAnnotations.ContainerImage] = container.Image ?? "",
        };
        if (container.Lifecycle?.PreStop is { } preStop)
        {
            annotations[PodAnnotations.ContainerPreStopHandler] = JsonSerializer.Serialize(preStop, PodJsonContext.Default.LifecycleHandler);
        }
        if (container.Ports is { Count: > 0 } ports)
        {
            annotations[PodAnnotations.ContainerPorts] = JsonSerializer.Serialize(ports, PodJsonContext.Default.ListContainerPort);
        }

        return new ContainerSpec
        {
            Name = container.Name!,
            Attempt = (uint)context.RestartCount,
            Image = context.Image.Id,
            UserSpecifiedImage = container.Image ?? "",
            Command = (container.Command ?? []).Select(Expand).ToList(),
            Args = (container.Args ?? []).Select(Expand).ToList(),
            WorkingDir = container.WorkingDir ?? "",
            Env = env,
            Mounts = Mounts(spec, container, context),
            Labels = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [PodLabels.PodName] = pod.Name,
                [PodLabels.PodNamespace] = pod.Namespace,
                [PodLabels.PodUid] = pod.Uid,
                [PodLabels.ContainerName] = container.Name!,
                [PodLabels.ManagedBy] = "true",
            },
            Annotations = annotations,
            LogPath = $"{container.Name}/{restart}.log",
            Stdin = container.Stdin == true,
            StdinOnce = container.StdinOnce == true,
            Tty = container.Tty == true,
            Resources = ResourceMapper.Map(container, QosClassifier.Classify(spec), options.NodeMemoryCapacityBytes),
            Security = security,
        };
    }

    /// <summary>The container's environment in spec order, with $(VAR) references to earlier variables expanded.</summary>
    public List<KeyValuePair<string, string>> Environment(DesiredPod pod, Container container, string podIp)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var variable in container.Env ?? [])
        {
            var value = variable.ValueFrom switch
            {
                { FieldRef: { } field } => FieldValue(pod, field.FieldPath!, podIp),
                { ResourceFieldRef: { } resource } => ResourceValue(pod, container, resource),
                _ => EnvExpansion.Expand(variable.Value ?? "", name => values.GetValueOrDefault(name)),
            };
            if (!values.ContainsKey(variable.Name!))
            {
                order.Add(variable.Name!);
            }
            values[variable.Name!] = value;
        }
        return order.Select(name => new KeyValuePair<string, string>(name, values[name])).ToList();
    }

    private string FieldValue(DesiredPod pod, string path, string podIp)
    {
        var meta = pod.Pod.Metadata;
        if (TryMapKey(path, "metadata.labels", out var label))
        {
            return meta.Labels?.GetValueOrDefault(label) ?? "";
        }
        if (TryMapKey(path, "metadata.annotations", out var annotation))
        {
            return meta.Annotations?.GetValueOrDefault(annotation) ?? "";
        }
        return path switch
        {
            "metadata.name" => pod.Name,
            "metadata.namespace" => pod.Namespace,
            "metadata.uid" => pod.Uid,
            "spec.nodeName" => options.NodeName,
            "spec.serviceAccountName" => pod.Pod.Spec.ServiceAccountName ?? "",
            "status.podIP" or "status.podIPs" => pod.Pod.Spec.HostNetwork == true ? options.NodeIp : podIp,
            "status.hostIP" or "status.hostIPs" => options.NodeIp,
            _ => throw new ContainerConfigException($"fieldRef {path} is not supported"),
        };
    }

    private static bool TryMapKey(string path, string prefix, out string key)
    {
        key = "";
        if (!path.StartsWith(prefix + "['", StringComparison.Ordinal) || !path.EndsWith("']", StringComparison.Ordinal))
        {
            return false;
        }
        key = path[(prefix.Length + 2)..^2];
        return true;
    }

    private string ResourceValue(DesiredPod pod, Container self, ResourceFieldSelector selector)
    {
        var container = string.IsNullOrEmpty(selector.ContainerName)
            ? self
            : pod.Pod.Spec.Containers.Concat(pod.Pod.Spec.InitContainers ?? []).FirstOrDefault(c => c.Name == selector.ContainerName)
              ?? throw new ContainerConfigException($"resourceFieldRef names container \"{selector.ContainerName}\", which the pod does not have");
        var parts = selector.Resource!.Split('.', 2);
        var source = parts[0] == "limits" ? container.Resources?.Limits : container.Resources?.Requests;
        decimal value;
        if (source is not null && source.TryGetValue(parts[1], out var q))
        {
            value = q.Value;
        }
        else if (parts[0] == "limits")
        {
            // No limit: the node's capacity, as the kubelet does.
            value = parts[1] switch
            {
                "cpu" => options.NodeCpuCount,
                "memory" => options.NodeMemoryCapacityBytes,
                _ => 0,
            };
        }
        else
        {
            value = 0;
        }
        var divisor = selector.Divisor is { Value: > 0 } d ? d.Value : 1m;
        return ((long)Math.Ceiling(value / divisor)).ToString(CultureInfo.InvariantCulture);
    }

    private static List<MountSpec> Mounts(PodSpec spec, Container container, ContainerStartContext context)
    {
        var mounts = new List<MountSpec>();
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var hostPath = context.VolumePaths[mount.Name!];
            if (!string.IsNullOrEmpty(mount.SubPath))
            {
                hostPath = Path.Combine(hostPath, mount.SubPath);
                if (!Path.Exists(hostPath))
                {
                    Directory.CreateDirectory(hostPath);
                }
            }
            var propagation = mount.MountPropagation switch
            {
                "HostToContainer" => MountPropagationMode.HostToContainer,
                "Bidirectional" => MountPropagationMode.Bidirectional,
                _ => MountPropagationMode.Private,
            };
            mounts.Add(new MountSpec(mount.MountPath!, hostPath, mount.ReadOnly == true, propagation));
        }
        if (spec.HostNetwork != true && !string.IsNullOrEmpty(context.EtcHostsPath) && mounts.All(m => m.ContainerPath != "/etc/hosts"))
        {
            mounts.Add(new MountSpec("/etc/hosts", context.EtcHostsPath, false));
        }
        if (!string.IsNullOrEmpty(container.TerminationMessagePath) && !string.IsNullOrEmpty(context.TerminationMessageFile))
        {
            mounts.Add(new MountSpec(container.TerminationMessagePath, context.TerminationMessageFile, false));
        }
        return mounts;
    }

    private static ContainerSecurity Security(DesiredPod pod, Container container, ImageInfo image)
    {
        var spec = pod.Pod.Spec;
        var sc = container.SecurityContext;
        var psc = spec.SecurityContext;
        var privileged = sc?.Privileged == true;
        var runAsUser = sc?.RunAsUser ?? psc?.RunAsUser;
        if ((sc?.RunAsNonRoot ?? psc?.RunAsNonRoot) == true)
        {
            VerifyNonRoot(pod, container, runAsUser, image);
        }
        return new ContainerSecurity
        {
            AddCapabilities = sc?.Capabilities?.Add ?? [],
            DropCapabilities = sc?.Capabilities?.Drop ?? [],
            Privileged = privileged,
            RunAsUser = runAsUser,
            RunAsGroup = sc?.RunAsGroup ?? psc?.RunAsGroup,
            ReadonlyRootfs = sc?.ReadOnlyRootFilesystem == true,
            NoNewPrivs = sc?.AllowPrivilegeEscalation == false,
            SupplementalGroups = SandboxSpecFactory.SupplementalGroups(spec),
            MaskedPaths = privileged ? [] : DefaultMaskedPaths,
            ReadonlyPaths = privileged ? [] : DefaultReadonlyPaths,
            Namespaces = SandboxSpecFactory.Namespaces(spec),
        };
    }

    private static void VerifyNonRoot(DesiredPod pod, Container container, long? runAsUser, ImageInfo image)
    {
        var where = $"(pod: \"{pod.Name}_{pod.Namespace}({pod.Uid})\", container: {container.Name})";
        var uid = runAsUser ?? image.Uid;
        if (uid is null && !string.IsNullOrEmpty(image.Username) && image.Username != "root")
        {
            throw new ContainerConfigException($"container has runAsNonRoot and image has non-numeric user ({image.Username}), cannot verify user is non-root {where}");
        }
        if (uid is null or 0)
        {
            throw new ContainerConfigException($"container has runAsNonRoot and image will run as root {where}");
        }
    }

    private static string Hash(Container container)
    {
        // FNV-1a: informational only (shown like the kubelet's hash), never compared across versions.
        var hash = 2166136261u;
        foreach (var b in JsonSerializer.SerializeToUtf8Bytes(container, PodJsonContext.Default.Container))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
