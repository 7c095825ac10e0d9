using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Engine;

/// <summary>Container requests/limits → CRI Linux resources, with the kubelet's formulas and constants.</summary>
public static class ResourceMapper
{
    private const long MinShares = 2;
    private const long SharesPerCpu = 1024;
    private const long QuotaPeriodMicros = 100_000;
    private const long MinQuotaPeriodMicros = 1_000;
    private const long GuaranteedOomScoreAdj = -997;
    private const long BestEffortOomScoreAdj = 1000;

    public static ContainerResources Map(Container container, QosClass qos, long nodeMemoryCapacityBytes)
    {
        var requests = container.Resources?.Requests;
        var limits = container.Resources?.Limits;
        var cpuLimit = Get(limits, "cpu");
        // A limit without a request defaults the request to the limit (API defaulting).
        var cpuRequest = Get(requests, "cpu") ?? cpuLimit;
        var memoryLimit = Get(limits, "memory");
        var memoryRequest = Get(requests, "memory") ?? memoryLimit;

        var shares = cpuRequest is { } r ? Math.Max(MinShares, r.MilliValue * SharesPerCpu / 1000) : MinShares;
        long quota = 0, period = 0;
        if (cpuLimit is { } l)
        {
            period = QuotaPeriodMicros;
            quota = Math.Max(MinQuotaPeriodMicros, l.MilliValue * QuotaPeriodMicros / 1000);
        }
        return new ContainerResources
        {
            CpuShares = shares,
            CpuQuota = quota,
            CpuPeriod = period,
            MemoryLimitBytes = memoryLimit?.WholeValue ?? 0,
            OomScoreAdj = OomScoreAdj(qos, memoryRequest?.WholeValue ?? 0, nodeMemoryCapacityBytes),
        };
    }

    /// <summary>-997 for Guaranteed, 1000 for BestEffort, Burstable scaled by the share of node memory requested (3…999).</summary>
    public static long OomScoreAdj(QosClass qos, long memoryRequestBytes, long nodeMemoryCapacityBytes)
    {
        switch (qos)
        {
            case QosClass.Guaranteed:
                return GuaranteedOomScoreAdj;
            case QosClass.BestEffort:
                return BestEffortOomScoreAdj;
        }
        if (nodeMemoryCapacityBytes <= 0)
        {
            return 999;
        }
        var adj = 1000 - 1000 * memoryRequestBytes / nodeMemoryCapacityBytes;
        return Math.Clamp(adj, 3, 999);
    }

    private static Quantity? Get(Dictionary<string, Quantity>? values, string name) =>
        values is not null && values.TryGetValue(name, out var q) ? q : null;
}
