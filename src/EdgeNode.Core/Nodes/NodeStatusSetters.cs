using System.Globalization;
using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Nodes;

/// <summary>
/// The kubelet's node status as an ordered list of small setters (addresses, machine info, versions,
/// daemon endpoints, images, the three pressure conditions, Ready last). Each takes the draft status and
/// returns the next one.
/// </summary>
public static class NodeStatusSetters
{
    public static readonly IReadOnlyList<Func<NodeStatus, NodeStatusContext, NodeStatus>> All =
    [
        Addresses, MachineInfo, VersionInfo, DaemonEndpoints, Images, MemoryPressure, DiskPressure, PidPressure, Ready,
    ];

    public static NodeStatus Compute(NodeStatusContext context) =>
        All.Aggregate(new NodeStatus { Conditions = [] }, (status, setter) => setter(status, context));

    public static NodeStatus Addresses(NodeStatus status, NodeStatusContext context) => status with
    {
        Addresses =
        [
            .. string.IsNullOrEmpty(context.NodeIp) ? [] : new[] { new NodeAddress { Type = "InternalIP", Address = context.NodeIp } },
            new NodeAddress { Type = "Hostname", Address = context.Hostname },
        ],
    };

    public static NodeStatus MachineInfo(NodeStatus status, NodeStatusContext context)
    {
        var machine = context.Machine;
        var capacity = new Dictionary<string, Quantity>(StringComparer.Ordinal)
        {
            ["cpu"] = Quantity.FromWhole(machine.CpuCount),
            ["memory"] = Bytes(machine.MemoryBytes),
            ["pods"] = Quantity.FromWhole(context.MaxPods),
            ["ephemeral-storage"] = Bytes(machine.EphemeralStorageBytes),
        };
        var allocatable = capacity.ToDictionary(
            c => c.Key,
            c => context.Reserved.TryGetValue(c.Key, out var reserved) ? Subtract(c.Value, reserved) : c.Value,
            StringComparer.Ordinal);
        return status with
        {
            Capacity = capacity,
            Allocatable = allocatable,
            NodeInfo = (status.NodeInfo ?? new NodeSystemInfo()) with
            {
                MachineID = machine.MachineId,
                SystemUUID = machine.SystemUuid,
                BootID = machine.BootId,
            },
        };
    }

    public static NodeStatus VersionInfo(NodeStatus status, NodeStatusContext context) => status with
    {
        NodeInfo = (status.NodeInfo ?? new NodeSystemInfo()) with
        {
            KernelVersion = context.Machine.KernelVersion,
            OsImage = context.Machine.OsImage,
            OperatingSystem = context.Machine.OperatingSystem,
            Architecture = context.Machine.Architecture,
            ContainerRuntimeVersion = context.RuntimeVersion is { } v ? $"{v.RuntimeName}://{v.Version}" : "Unknown",
            KubeletVersion = context.KubeletVersion,
        },
    };

    public static NodeStatus DaemonEndpoints(NodeStatus status, NodeStatusContext context) =>
        status with { DaemonEndpoints = new NodeDaemonEndpoints { KubeletEndpoint = new DaemonEndpoint { Port = context.KubeletPort } } };

    /// <summary>Largest first, at most MaxImages; names are repo digests then tags, at most five.</summary>
    public static NodeStatus Images(NodeStatus status, NodeStatusContext context) => status with
    {
        Images = context.Images
            .OrderByDescending(i => i.Size)
            .Take(context.MaxImages < 0 ? int.MaxValue : context.MaxImages)
            .Select(i => new ContainerImage { Names = [.. i.RepoDigests.Concat(i.RepoTags).Take(5)], SizeBytes = (long)i.Size })
            .ToList(),
    };

    public static NodeStatus MemoryPressure(NodeStatus status, NodeStatusContext context) =>
        Pressure(status, context, "MemoryPressure", context.Pressure.Memory,
            ("KubeletHasInsufficientMemory", "kubelet has insufficient memory available", "NodeHasInsufficientMemory"),
            ("KubeletHasSufficientMemory", "kubelet has sufficient memory available", "NodeHasSufficientMemory"));

    public static NodeStatus DiskPressure(NodeStatus status, NodeStatusContext context) =>
        Pressure(status, context, "DiskPressure", context.Pressure.Disk,
            ("KubeletHasDiskPressure", "kubelet has disk pressure", "NodeHasDiskPressure"),
            ("KubeletHasNoDiskPressure", "kubelet has no disk pressure", "NodeHasNoDiskPressure"));

    public static NodeStatus PidPressure(NodeStatus status, NodeStatusContext context) =>
        Pressure(status, context, "PIDPressure", context.Pressure.Pids,
            ("KubeletHasInsufficientPID", "kubelet has insufficient PID available", "NodeHasInsufficientPID"),
            ("KubeletHasSufficientPID", "kubelet has sufficient PID available", "NodeHasSufficientPID"));

    /// <summary>Ready last: True unless the runtime, its network or something else says otherwise.</summary>
    public static NodeStatus Ready(NodeStatus status, NodeStatusContext context)
    {
        var errors = new List<string>();
        switch (context.RuntimeHealth)
        {
            case null:
                errors.Add("container runtime status check may not have completed yet");
                break;
            case { RuntimeReady: false } h:
                errors.Add(string.IsNullOrEmpty(h.Message) ? "container runtime is down" : h.Message);
                break;
            case { NetworkReady: false } h:
                errors.Add(h.Message);
                break;
        }
        errors.AddRange(context.NotReadyReasons);
        var missing = new[] { "cpu", "memory", "pods", "ephemeral-storage" }.Where(r => status.Capacity?.ContainsKey(r) != true).ToList();
        if (missing.Count > 0)
        {
            errors.Add($"missing node capacity for resources: {string.Join(", ", missing)}");
        }
        var ready = errors.Count == 0;
        var message = ready ? "kubelet is posting ready status" : errors.Count == 1 ? errors[0] : $"[{string.Join(", ", errors)}]";
        return WithCondition(status, context, "Ready", ready ? "True" : "False", ready ? "KubeletReady" : "KubeletNotReady", message,
            ready ? "NodeReady" : "NodeNotReady");
    }

    private static NodeStatus Pressure(
        NodeStatus status, NodeStatusContext context, string type, bool? underPressure,
        (string Reason, string Message, string Event) whenTrue, (string Reason, string Message, string Event) whenFalse)
    {
        if (underPressure is null)
        {
            return WithCondition(status, context, type, "Unknown", "NodeStatusUnknown", $"kubelet cannot tell whether there is {type}", null);
        }
        var (reason, message, eventReason) = underPressure.Value ? whenTrue : whenFalse;
        return WithCondition(status, context, type, underPressure.Value ? "True" : "False", reason, message, eventReason);
    }

    /// <summary>Heartbeat always now; reason, message and transition time change only when the status does.</summary>
    private static NodeStatus WithCondition(NodeStatus status, NodeStatusContext context, string type, string value, string reason, string message, string? eventReason)
    {
        var previous = context.PreviousConditions.FirstOrDefault(c => c.Type == type);
        var changed = previous is null || previous.Status != value;
        var condition = new NodeCondition
        {
            Type = type,
            Status = value,
            Reason = reason,
            Message = message,
            LastHeartbeatTime = context.Now,
            LastTransitionTime = changed ? context.Now : previous!.LastTransitionTime,
        };
        if (changed && eventReason is not null)
        {
            context.Events.Add(new NodeEvent(false, eventReason, $"Node {context.NodeName} status is now: {eventReason}"));
        }
        return status with { Conditions = [.. (status.Conditions ?? []).Where(c => c.Type != type), condition] };
    }

    private static Quantity Bytes(long bytes) =>
        bytes % (1024 * 1024) == 0 && bytes > 0
            ? new Quantity(bytes, (bytes / 1024 / 1024).ToString(CultureInfo.InvariantCulture) + "Mi")
            : bytes % 1024 == 0 && bytes > 0
                ? new Quantity(bytes, (bytes / 1024).ToString(CultureInfo.InvariantCulture) + "Ki")
                : Quantity.FromWhole(bytes);

    private static Quantity Subtract(Quantity capacity, Quantity reserved)
    {
        var value = Math.Max(0m, capacity.Value - reserved.Value);
        return value == Math.Floor(value) ? Bytes((long)value) : new Quantity(value, value.ToString(CultureInfo.InvariantCulture));
    }
}
