using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Manifests;

/// <summary>
/// Checks a (defaulted) v1 Pod against the rules the API server and kubelet apply, restricted to what
/// EdgeNode supports. Every problem is one sentence: the field, what is wrong, and the fix.
/// </summary>
public static class PodValidator
{
    private static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    private static readonly string[] DnsPolicies = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"];
    private static readonly string[] HostPathTypes = ["", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"];
    private static readonly string[] EmptyDirMedia = ["", "Memory"];

    /// <summary>All problems of the pod; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var problems = new List<string>();
        ValidateType(pod, problems);
        ValidateMetadata(pod.Metadata, problems);
        var volumes = ValidateVolumes(pod.Spec.Volumes ?? [], problems);
        ValidateContainers(pod.Spec, volumes, problems);
        ValidateSpec(pod.Spec, problems);
        return problems;
    }

    private static void ValidateType(Pod pod, List<string> problems)
    {
        if (string.IsNullOrEmpty(pod.ApiVersion))
        {
            problems.Add("apiVersion is missing: add apiVersion: v1");
        }
        else if (pod.ApiVersion != "v1")
        {
            problems.Add($"apiVersion \"{pod.ApiVersion}\" is not supported: use apiVersion: v1");
        }
        if (string.IsNullOrEmpty(pod.Kind))
        {
            problems.Add("kind is missing: add kind: Pod");
        }
        else if (pod.Kind != "Pod")
        {
            problems.Add($"kind \"{pod.Kind}\" is not supported: EdgeNode runs only kind: Pod");
        }
    }

    private static void ValidateMetadata(ObjectMeta metadata, List<string> problems)
    {
        if (string.IsNullOrEmpty(metadata.Name))
        {
            problems.Add("metadata.name is missing: give the pod a name");
        }
        else
        {
            Checks.DnsName(problems, "metadata.name", metadata.Name, label: false, "rename the pod");
        }
        if (metadata.Namespace is not null)
        {
            Checks.DnsName(problems, "metadata.namespace", metadata.Namespace, label: true, "fix the namespace");
        }
    }

    private static HashSet<string> ValidateVolumes(List<Volume> volumes, List<string> problems)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < volumes.Count; i++)
        {
            var field = $"spec.volumes[{i}]";
            var volume = volumes[i];
            if (string.IsNullOrEmpty(volume.Name))
            {
                problems.Add($"{field}.name is missing: give the volume a name");
            }
            else if (!Dns1123.IsLabel(volume.Name))
            {
                Checks.DnsName(problems, $"{field}.name", volume.Name, label: true, "rename the volume");
            }
            else if (!names.TryAdd(volume.Name, field))
            {
                problems.Add($"{field}.name \"{volume.Name}\" is already used by {names[volume.Name]}: give each volume a unique name");
            }

            if (volume.Secret is not null || volume.ConfigMap is not null)
            {
                problems.Add($"volume \"{volume.Name}\" uses {(volume.Secret is not null ? "secret" : "configMap")}, which needs an API server (static pods support emptyDir, hostPath): put the data on the node and mount it with a hostPath volume, or use an emptyDir volume for scratch space");
                continue;
            }
            var sources = (volume.EmptyDir is null ? 0 : 1) + (volume.HostPath is null ? 0 : 1);
            if (sources == 0)
            {
                problems.Add($"{field} has no source: add emptyDir: {{}} or hostPath: {{path: /some/dir}}");
            }
            else if (sources > 1)
            {
                problems.Add($"{field} sets both emptyDir and hostPath: keep only one");
            }
            if (volume.HostPath is { } hostPath)
            {
                Checks.AbsolutePath(problems, $"{field}.hostPath.path", hostPath.Path, "directory or file on the node");
                Checks.OneOf(problems, $"{field}.hostPath.type", hostPath.Type, HostPathTypes);
            }
            if (volume.EmptyDir is { } emptyDir)
            {
                Checks.OneOf(problems, $"{field}.emptyDir.medium", emptyDir.Medium, EmptyDirMedia);
                if (emptyDir.SizeLimit is { Value: < 0 } limit)
                {
                    problems.Add($"{field}.emptyDir.sizeLimit \"{limit}\" must not be negative: use a size such as 64Mi");
                }
            }
        }
        return names.Keys.ToHashSet(StringComparer.Ordinal);
    }

    private static void ValidateContainers(PodSpec spec, HashSet<string> volumes, List<string> problems)
    {
        if (spec.Containers.Count == 0)
        {
            problems.Add("spec.containers is empty: a pod needs at least one container");
        }
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var hostPorts = new Dictionary<(int Port, string? Protocol), string>();
        var all = (spec.InitContainers ?? []).Select((c, i) => (Container: c, Field: $"spec.initContainers[{i}]", Init: true))
            .Concat(spec.Containers.Select((c, i) => (Container: c, Field: $"spec.containers[{i}]", Init: false)));
        foreach (var (container, field, init) in all)
        {
            if (!string.IsNullOrEmpty(container.Name) && Dns1123.IsLabel(container.Name) && !names.TryAdd(container.Name, field))
            {
                problems.Add($"{field}.name \"{container.Name}\" is already used by {names[container.Name]}: give each container a unique name");
            }
            ContainerValidator.Validate(container, field, init, spec, volumes, problems);
            foreach (var (port, i) in (container.Ports ?? []).Select((p, i) => (p, i)))
            {
                if (port.HostPort is > 0 and var hostPort && !hostPorts.TryAdd((hostPort, port.Protocol), $"{field}.ports[{i}]"))
                {
                    problems.Add($"{field}.ports[{i}].hostPort {hostPort}/{port.Protocol} is already used by {hostPorts[(hostPort, port.Protocol)]}: use a different hostPort");
                }
            }
        }
    }

    private static void ValidateSpec(PodSpec spec, List<string> problems)
    {
        Checks.OneOf(problems, "spec.restartPolicy", spec.RestartPolicy, RestartPolicies);
        Checks.OneOf(problems, "spec.dnsPolicy", spec.DnsPolicy, DnsPolicies);
        if (spec.DnsPolicy == "None" && spec.DnsConfig is not { Nameservers.Count: > 0 })
        {
            problems.Add("spec.dnsPolicy None needs spec.dnsConfig.nameservers: add at least one nameserver or use another dnsPolicy");
        }
        Checks.AtLeast(problems, "spec.terminationGracePeriodSeconds", spec.TerminationGracePeriodSeconds, 0);
        Checks.AtLeast(problems, "spec.activeDeadlineSeconds", spec.ActiveDeadlineSeconds, 1);
        if (spec.Hostname is not null)
        {
            Checks.DnsName(problems, "spec.hostname", spec.Hostname, label: true, "fix the hostname");
        }
        if (spec.SecurityContext is { } security)
        {
            Checks.Id(problems, "spec.securityContext.runAsUser", security.RunAsUser);
            Checks.Id(problems, "spec.securityContext.runAsGroup", security.RunAsGroup);
            Checks.Id(problems, "spec.securityContext.fsGroup", security.FsGroup);
            foreach (var (group, i) in (security.SupplementalGroups ?? []).Select((g, i) => (g, i)))
            {
                Checks.Id(problems, $"spec.securityContext.supplementalGroups[{i}]", group);
            }
        }
    }
}
