using EdgeNode.Core.Leases;
using EdgeNode.Core.Nodes;
using EdgeNode.Core.Pods;

namespace EdgeNode.Kube.Models;

/// <summary>
/// Restores the defaults that Core's records declare with initialisers (<c>Metadata = new()</c>,
/// <c>Containers = []</c>, <c>State = new()</c>) when the JSON left the property out: the source
/// generator sets a missing init-only property to <c>null</c> instead of running its initialiser, so
/// without this a non-nullable <c>pod.Metadata</c> can be <c>null</c>.
/// </summary>
public static class KubeObjectDefaults
{
    /// <summary>Returns <paramref name="value"/> with Core's declared defaults filled in (the same instance when nothing was missing).</summary>
    public static T Apply<T>(T value) =>
        value switch
        {
            Pod pod => (T)(object)Apply(pod),
            Node node => (T)(object)Apply(node),
            Lease lease => (T)(object)Apply(lease),
            PodList list => (T)(object)(list.Items is { } items ? list with { Items = items.ConvertAll(Apply) } : list),
            NodeList list => (T)(object)(list.Items is { } items ? list with { Items = items.ConvertAll(Apply) } : list),
            _ => value,
        };

    public static Pod Apply(Pod pod)
    {
        // The "is null" tests look redundant to the compiler: the declared types say non-null, the JSON may not.
        var metadata = (ObjectMeta?)pod.Metadata;
        var spec = (PodSpec?)pod.Spec;
        var containers = (List<Container>?)spec?.Containers;
        var status = pod.Status is { } s ? Apply(s) : null;
        if (metadata is not null && spec is not null && containers is not null && ReferenceEquals(status, pod.Status))
        {
            return pod;
        }

        return pod with
        {
            Metadata = metadata ?? new ObjectMeta(),
            Spec = spec is null ? new PodSpec() : containers is null ? spec with { Containers = [] } : spec,
            Status = status,
        };
    }

    public static Node Apply(Node node)
    {
        var metadata = (ObjectMeta?)node.Metadata;
        var spec = (NodeSpec?)node.Spec;
        var status = (NodeStatus?)node.Status;
        return metadata is not null && spec is not null && status is not null
            ? node
            : node with { Metadata = metadata ?? new ObjectMeta(), Spec = spec ?? new NodeSpec(), Status = status ?? new NodeStatus() };
    }

    public static Lease Apply(Lease lease)
    {
        var metadata = (ObjectMeta?)lease.Metadata;
        var spec = (LeaseSpec?)lease.Spec;
        return metadata is not null && spec is not null
            ? lease
            : lease with { Metadata = metadata ?? new ObjectMeta(), Spec = spec ?? new LeaseSpec() };
    }

    private static PodStatus Apply(PodStatus status)
    {
        var init = Apply(status.InitContainerStatuses);
        var main = Apply(status.ContainerStatuses);
        return ReferenceEquals(init, status.InitContainerStatuses) && ReferenceEquals(main, status.ContainerStatuses)
            ? status
            : status with { InitContainerStatuses = init, ContainerStatuses = main };
    }

    private static List<ContainerStatus>? Apply(List<ContainerStatus>? statuses)
    {
        if (statuses is null || statuses.TrueForAll(s => (ContainerState?)s.State is not null))
        {
            return statuses;
        }

        return statuses.ConvertAll(s => (ContainerState?)s.State is null ? s with { State = new ContainerState() } : s);
    }
}
