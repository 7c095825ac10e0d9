using System.Text.Json;

namespace EdgeNode.Core.Pods;

public sealed record PodSpec
{
    public List<Container> Containers { get; init; } = [];
    public List<Container>? InitContainers { get; init; }
    public List<Volume>? Volumes { get; init; }
    public string? RestartPolicy { get; init; }
    public long? TerminationGracePeriodSeconds { get; init; }
    public long? ActiveDeadlineSeconds { get; init; }
    public bool? HostNetwork { get; init; }
    public bool? HostPID { get; init; }
    public bool? HostIPC { get; init; }
    public bool? ShareProcessNamespace { get; init; }
    public PodSecurityContext? SecurityContext { get; init; }
    public string? DnsPolicy { get; init; }
    public PodDnsConfig? DnsConfig { get; init; }
    public string? Hostname { get; init; }
    public string? Subdomain { get; init; }
    public string? NodeName { get; init; }
    public int? Priority { get; init; }
    public string? PriorityClassName { get; init; }

    // Scheduling and service-account fields: meaningful to the control plane, accepted and not acted on by the node.
    public Dictionary<string, string>? NodeSelector { get; init; }
    public JsonElement? Tolerations { get; init; }
    public JsonElement? Affinity { get; init; }
    public string? SchedulerName { get; init; }
    public string? ServiceAccountName { get; init; }
    public string? ServiceAccount { get; init; }
    public bool? AutomountServiceAccountToken { get; init; }
    public bool? EnableServiceLinks { get; init; }
    public string? PreemptionPolicy { get; init; }
}
