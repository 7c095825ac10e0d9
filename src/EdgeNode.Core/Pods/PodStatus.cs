namespace EdgeNode.Core.Pods;

public sealed record PodStatus
{
    public string? Phase { get; init; }
    public List<PodCondition>? Conditions { get; init; }
    public string? Message { get; init; }
    public string? Reason { get; init; }
    public string? HostIP { get; init; }
    public List<PodIP>? HostIPs { get; init; }
    public string? PodIP { get; init; }
    public List<PodIP>? PodIPs { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public List<ContainerStatus>? InitContainerStatuses { get; init; }
    public List<ContainerStatus>? ContainerStatuses { get; init; }
    public string? QosClass { get; init; }
}
