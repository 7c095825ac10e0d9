using System.Text;
using System.Text.RegularExpressions;
using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Manifests;

internal static partial class ContainerValidator
{
    /// <summary>Linux MAX_ARG_STRLEN: the limit for one "NAME=value" string handed to execve, NUL included.</summary>
    public const int MaxEnvEntryBytes = 131072;

    private const int MaxEnvBytesPerContainer = 1024 * 1024;

    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] MessagePolicies = ["File", "FallbackToLogsOnError"];
    private static readonly string[] Protocols = ["TCP", "UDP", "SCTP"];
    private static readonly string[] Propagations = ["None", "HostToContainer", "Bidirectional"];
    private static readonly string[] ResourceNames = ["cpu", "memory", "ephemeral-storage"];
    private static readonly string[] ResourceFields = ["limits.cpu", "limits.memory", "limits.ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage"];
    // The labels/annotations entries stand for any key (matched by KeyedFieldPath); they are listed for the message.
    private static readonly string[] FieldPaths = ["metadata.name", "metadata.namespace", "metadata.uid", "metadata.labels['<key>']", "metadata.annotations['<key>']", "spec.nodeName", "spec.serviceAccountName", "status.podIP", "status.podIPs", "status.hostIP", "status.hostIPs"];

    public static void Validate(Container container, string field, bool init, PodSpec spec, HashSet<string> volumes, List<string> problems)
    {
        if (string.IsNullOrEmpty(container.Name))
        {
            problems.Add($"{field}.name is missing: give the container a name");
        }
        else
        {
            Checks.DnsName(problems, $"{field}.name", container.Name, label: true, "rename the container");
        }
        if (string.IsNullOrWhiteSpace(container.Image))
        {
            problems.Add($"{field}.image is missing: set the image to run, e.g. nginx:1.27");
        }
        else if (container.Image.Any(char.IsWhiteSpace))
        {
            problems.Add($"{field}.image \"{container.Image}\" contains white space: remove it");
        }
        Checks.OneOf(problems, $"{field}.imagePullPolicy", container.ImagePullPolicy, PullPolicies);
        Checks.OneOf(problems, $"{field}.terminationMessagePolicy", container.TerminationMessagePolicy, MessagePolicies);
        if (container.TerminationMessagePath is { Length: > 0 } messagePath)
        {
            Checks.AbsolutePath(problems, $"{field}.terminationMessagePath", messagePath, "termination message file");
        }
        ValidatePorts(container, field, problems);
        ValidateEnv(container, field, spec, problems);
        ValidateResources(container.Resources, $"{field}.resources", problems);
        ValidateMounts(container, field, volumes, problems);
        if (container.SecurityContext is { } security)
        {
            Checks.Id(problems, $"{field}.securityContext.runAsUser", security.RunAsUser);
            Checks.Id(problems, $"{field}.securityContext.runAsGroup", security.RunAsGroup);
        }
        if (init)
        {
            NotOnInit(container.LivenessProbe, $"{field}.livenessProbe", problems);
            NotOnInit(container.ReadinessProbe, $"{field}.readinessProbe", problems);
            NotOnInit(container.StartupProbe, $"{field}.startupProbe", problems);
            NotOnInit(container.Lifecycle, $"{field}.lifecycle", problems);
            return;
        }
        HandlerValidator.ValidateProbe(container.LivenessProbe, $"{field}.livenessProbe", "liveness", container, problems);
        HandlerValidator.ValidateProbe(container.ReadinessProbe, $"{field}.readinessProbe", "readiness", container, problems);
        HandlerValidator.ValidateProbe(container.StartupProbe, $"{field}.startupProbe", "startup", container, problems);
        HandlerValidator.ValidateHandler(container.Lifecycle?.PostStart, $"{field}.lifecycle.postStart", container, spec, problems);
        HandlerValidator.ValidateHandler(container.Lifecycle?.PreStop, $"{field}.lifecycle.preStop", container, spec, problems);
    }

    private static void NotOnInit(object? value, string field, List<string> problems)
    {
        if (value is not null)
        {
            problems.Add($"{field} is not allowed on an init container: remove it");
        }
    }

    private static void ValidatePorts(Container container, string field, List<string> problems)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var ports = container.Ports ?? [];
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var portField = $"{field}.ports[{i}]";
            if (port.Number is < 1 or > 65535)
            {
                problems.Add($"{portField}.containerPort {port.Number} is out of range: use a port from 1 to 65535");
            }
            if (port.HostPort is < 0 or > 65535)
            {
                problems.Add($"{portField}.hostPort {port.HostPort} is out of range: use a port from 1 to 65535, or 0 for none");
            }
            Checks.OneOf(problems, $"{portField}.protocol", port.Protocol, Protocols);
            if (port.Name is null)
            {
                continue;
            }
            if (!Dns1123.IsPortName(port.Name))
            {
                problems.Add($"{portField}.name \"{port.Name}\" is not a valid port name (at most 15 lower-case letters, digits and '-', with at least one letter): rename the port");
            }
            else if (!names.TryAdd(port.Name, portField))
            {
                problems.Add($"{portField}.name \"{port.Name}\" is already used by {names[port.Name]}: give each port a unique name");
            }
        }
    }

    private static void ValidateEnv(Container container, string field, PodSpec spec, List<string> problems)
    {
        var env = container.Env ?? [];
        long total = 0;
        for (var i = 0; i < env.Count; i++)
        {
            var variable = env[i];
            var envField = $"{field}.env[{i}]";
            if (string.IsNullOrEmpty(variable.Name))
            {
                problems.Add($"{envField}.name is missing: give the variable a name");
            }
            else if (variable.Name.Contains('='))
            {
                problems.Add($"{envField}.name \"{variable.Name}\" contains '=': remove the '=' from the name");
            }
            var bytes = Encoding.UTF8.GetByteCount(variable.Name ?? "") + Encoding.UTF8.GetByteCount(variable.Value ?? "") + 2;
            total += bytes;
            if (bytes > MaxEnvEntryBytes)
            {
                problems.Add($"{envField}.value is {bytes} bytes with its name; Linux allows at most {MaxEnvEntryBytes} bytes per variable (MAX_ARG_STRLEN): shorten it or put the data in a file on a hostPath volume");
            }
            if (variable.ValueFrom is { } source)
            {
                if (!string.IsNullOrEmpty(variable.Value))
                {
                    problems.Add($"{envField} sets both value and valueFrom: keep only one");
                }
                ValidateEnvSource(source, $"{envField}.valueFrom", spec, problems);
            }
        }
        if (total > MaxEnvBytesPerContainer)
        {
            problems.Add($"{field}.env adds up to {total} bytes; EdgeNode allows at most {MaxEnvBytesPerContainer} bytes of environment per container: move large values into files on a hostPath volume");
        }
    }

    private static void ValidateEnvSource(EnvVarSource source, string field, PodSpec spec, List<string> problems)
    {
        if ((source.FieldRef is null) == (source.ResourceFieldRef is null))
        {
            problems.Add($"{field} must set exactly one of fieldRef or resourceFieldRef: keep one");
            return;
        }
        if (source.FieldRef is { } fieldRef)
        {
            if (fieldRef.ApiVersion is not (null or "v1"))
            {
                problems.Add($"{field}.fieldRef.apiVersion \"{fieldRef.ApiVersion}\" is not supported: use v1 or remove it");
            }
            if (!IsSupportedFieldPath(fieldRef.FieldPath))
            {
                problems.Add($"{field}.fieldRef.fieldPath \"{fieldRef.FieldPath}\" is not supported: use one of {string.Join(", ", FieldPaths)}");
            }
        }
        if (source.ResourceFieldRef is { } resourceRef)
        {
            Checks.OneOf(problems, $"{field}.resourceFieldRef.resource", resourceRef.Resource ?? "", ResourceFields);
            var containers = spec.Containers.Concat(spec.InitContainers ?? []);
            if (!string.IsNullOrEmpty(resourceRef.ContainerName) && !containers.Any(c => c.Name == resourceRef.ContainerName))
            {
                problems.Add($"{field}.resourceFieldRef.containerName \"{resourceRef.ContainerName}\" is not a container of this pod: fix the name or remove it");
            }
            if (resourceRef.Divisor is { Value: <= 0 } divisor)
            {
                problems.Add($"{field}.resourceFieldRef.divisor \"{divisor}\" must be positive: use e.g. 1, 1m or 1Mi");
            }
        }
    }

    private static bool IsSupportedFieldPath(string? path) =>
        path is not null && (FieldPaths.Contains(path, StringComparer.Ordinal) || KeyedFieldPath().IsMatch(path));

    private static void ValidateResources(ResourceRequirements? resources, string field, List<string> problems)
    {
        if (resources is null)
        {
            return;
        }
        // Requests default to limits, so a resource is reported once, at the limit if it has one.
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (kind, values) in new[] { ("limits", resources.Limits), ("requests", resources.Requests) })
        {
            foreach (var (name, quantity) in values ?? [])
            {
                var resourceField = FieldPath.Key($"{field}.{kind}", name);
                if (!ResourceNames.Contains(name, StringComparer.Ordinal))
                {
                    if (reported.Add(name))
                    {
                        problems.Add($"{resourceField} is not supported by EdgeNode (supported: {string.Join(", ", ResourceNames)}): remove it");
                    }
                }
                else if (quantity.Value < 0 && reported.Add(name))
                {
                    problems.Add($"{resourceField} \"{quantity}\" must not be negative: use a positive amount");
                }
            }
        }
        foreach (var (name, request) in resources.Requests ?? [])
        {
            if (resources.Limits?.TryGetValue(name, out var limit) == true && request.Value > limit.Value)
            {
                problems.Add($"{FieldPath.Key($"{field}.requests", name)} \"{request}\" is more than the limit \"{limit}\": lower the request or raise the limit");
            }
        }
    }

    private static void ValidateMounts(Container container, string field, HashSet<string> volumes, List<string> problems)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var mounts = container.VolumeMounts ?? [];
        for (var i = 0; i < mounts.Count; i++)
        {
            var mount = mounts[i];
            var mountField = $"{field}.volumeMounts[{i}]";
            if (string.IsNullOrEmpty(mount.Name))
            {
                problems.Add($"{mountField}.name is missing: name one of the pod's volumes");
            }
            else if (!volumes.Contains(mount.Name))
            {
                problems.Add($"{mountField}.name \"{mount.Name}\" does not match any volume in spec.volumes: declare the volume or fix the name");
            }
            Checks.AbsolutePath(problems, $"{mountField}.mountPath", mount.MountPath, "path inside the container");
            if (mount.MountPath is { Length: > 0 } path && !paths.TryAdd(path.TrimEnd('/'), mountField))
            {
                problems.Add($"{mountField}.mountPath \"{path}\" is already used by {paths[path.TrimEnd('/')]}: mount each path once");
            }
            if (mount.SubPath is { Length: > 0 } subPath && (subPath.StartsWith('/') || subPath.Split('/').Contains("..")))
            {
                problems.Add($"{mountField}.subPath \"{subPath}\" must be a relative path without '..': fix the subPath");
            }
            Checks.OneOf(problems, $"{mountField}.mountPropagation", mount.MountPropagation, Propagations);
            if (mount.MountPropagation == "Bidirectional" && container.SecurityContext?.Privileged != true)
            {
                problems.Add($"{mountField}.mountPropagation Bidirectional needs securityContext.privileged: true on the container: set it or use HostToContainer");
            }
        }
    }

    [GeneratedRegex(@"^metadata\.(labels|annotations)\['[^']+'\]$")]
    private static partial Regex KeyedFieldPath();
}
