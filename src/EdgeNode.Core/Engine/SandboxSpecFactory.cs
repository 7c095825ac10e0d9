using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Engine;

/// <summary>Builds the CRI sandbox configuration of a pod the way the kubelet does.</summary>
public sealed class SandboxSpecFactory(PodEngineOptions options, IPodCgroups cgroups)
{
    private const int MaxHostnameLength = 63;

    public string LogDirectory(DesiredPod pod) => LogDirectory(pod.Namespace, pod.Name, pod.Uid);

    public string LogDirectory(string podNamespace, string podName, string podUid) =>
        Path.Combine(options.PodLogsDirectory, $"{podNamespace}_{podName}_{podUid}");

    public SandboxSpec Create(DesiredPod pod, uint attempt)
    {
        var spec = pod.Pod.Spec;
        var hostNetwork = spec.HostNetwork == true;
        var labels = new Dictionary<string, string>(pod.Pod.Metadata.Labels ?? [], StringComparer.Ordinal)
        {
            [PodLabels.PodName] = pod.Name,
            [PodLabels.PodNamespace] = pod.Namespace,
            [PodLabels.PodUid] = pod.Uid,
            [PodLabels.ManagedBy] = "true",
        };
        var annotations = new Dictionary<string, string>(pod.Pod.Metadata.Annotations ?? [], StringComparer.Ordinal);
        if (pod.ManifestPath is not null)
        {
            annotations[PodAnnotations.ManifestPath] = pod.ManifestPath;
        }
        return new SandboxSpec
        {
            Name = pod.Name,
            Namespace = pod.Namespace,
            Uid = pod.Uid,
            Attempt = attempt,
            Hostname = hostNetwork ? "" : Hostname(spec.Hostname ?? pod.Name),
            LogDirectory = LogDirectory(pod),
            Dns = Dns(spec, pod.Namespace),
            PortMappings = PortMappings(spec),
            Labels = labels,
            Annotations = annotations,
            CgroupParent = cgroups.ParentFor(pod.Uid, QosClassifier.Classify(spec)),
            Namespaces = Namespaces(spec),
            RunAsUser = spec.SecurityContext?.RunAsUser,
            RunAsGroup = spec.SecurityContext?.RunAsGroup,
            SupplementalGroups = SupplementalGroups(spec),
            Privileged = spec.Containers.Concat(spec.InitContainers ?? []).Any(c => c.SecurityContext?.Privileged == true),
            Sysctls = (spec.SecurityContext?.Sysctls ?? []).ToDictionary(s => s.Name!.Replace('/', '.'), s => s.Value ?? "", StringComparer.Ordinal),
        };
    }

    public static NamespaceModes Namespaces(PodSpec spec) => new()
    {
        Network = spec.HostNetwork == true ? NamespaceMode.Node : NamespaceMode.Pod,
        Pid = spec.HostPID == true ? NamespaceMode.Node : spec.ShareProcessNamespace == true ? NamespaceMode.Pod : NamespaceMode.Container,
        Ipc = spec.HostIPC == true ? NamespaceMode.Node : NamespaceMode.Pod,
    };

    public static IReadOnlyList<long> SupplementalGroups(PodSpec spec)
    {
        var groups = new List<long>(spec.SecurityContext?.SupplementalGroups ?? []);
        if (spec.SecurityContext?.FsGroup is { } fsGroup && !groups.Contains(fsGroup))
        {
            groups.Insert(0, fsGroup);
        }
        return groups;
    }

    private DnsSettings Dns(PodSpec spec, string podNamespace)
    {
        var policy = spec.DnsPolicy ?? "ClusterFirst";
        var clusterFirst = policy == "ClusterFirstWithHostNet" || (policy == "ClusterFirst" && spec.HostNetwork != true);
        DnsSettings dns;
        if (policy == "None")
        {
            dns = new DnsSettings([], [], []);
        }
        else if (clusterFirst && options.ClusterDns.Count > 0)
        {
            var domain = options.ClusterDomain;
            var host = ResolvConf.ReadOrEmpty(options.ResolvConf);
            var searches = string.IsNullOrEmpty(domain) ? host.Searches
                : [$"{podNamespace}.svc.{domain}", $"svc.{domain}", domain, .. host.Searches];
            dns = new DnsSettings(options.ClusterDns, searches, ["ndots:5"]);
        }
        else
        {
            // ClusterFirst without a cluster DNS falls back to the node's resolver, as the kubelet does.
            dns = ResolvConf.ReadOrEmpty(options.ResolvConf);
        }
        if (spec.DnsConfig is { } extra)
        {
            dns = new DnsSettings(
                [.. dns.Servers, .. extra.Nameservers ?? []],
                [.. dns.Searches, .. extra.Searches ?? []],
                [.. dns.Options, .. (extra.Options ?? []).Select(o => o.Value is null ? o.Name! : $"{o.Name}:{o.Value}")]);
        }
        return dns;
    }

    private static List<PortMappingSpec> PortMappings(PodSpec spec)
    {
        var mappings = new List<PortMappingSpec>();
        foreach (var port in spec.Containers.SelectMany(c => c.Ports ?? []))
        {
            var mapping = new PortMappingSpec(Protocol(port.Protocol), port.Number, port.HostPort ?? 0, port.HostIP ?? "");
            if (!mappings.Contains(mapping))
            {
                mappings.Add(mapping);
            }
        }
        return mappings;
    }

    public static TransportProtocol Protocol(string? protocol) => protocol switch
    {
        "UDP" => TransportProtocol.Udp,
        "SCTP" => TransportProtocol.Sctp,
        _ => TransportProtocol.Tcp,
    };

    private static string Hostname(string name)
    {
        var hostname = name.Length > MaxHostnameLength ? name[..MaxHostnameLength] : name;
        return hostname.TrimEnd('-', '.');
    }
}
