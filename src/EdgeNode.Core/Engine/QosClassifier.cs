using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Engine;

/// <summary>The Kubernetes QoS class of a pod, from the cpu and memory requests and limits of all its containers.</summary>
public static class QosClassifier
{
    private static readonly string[] ComputeResources = ["cpu", "memory"];

    public static QosClass Classify(PodSpec spec)
    {
        var requests = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var limits = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var guaranteed = true;
        foreach (var container in spec.Containers.Concat(spec.InitContainers ?? []))
        {
            var containerLimits = Compute(container.Resources?.Limits);
            var containerRequests = Compute(container.Resources?.Requests);
            foreach (var (name, value) in containerRequests)
            {
                requests[name] = requests.GetValueOrDefault(name) + value;
            }
            foreach (var (name, value) in containerLimits)
            {
                limits[name] = limits.GetValueOrDefault(name) + value;
            }
            if (containerLimits.Count != ComputeResources.Length)
            {
                guaranteed = false;
            }
        }
        if (requests.Count == 0 && limits.Count == 0)
        {
            return QosClass.BestEffort;
        }
        if (guaranteed && requests.All(r => limits.TryGetValue(r.Key, out var l) && l == r.Value))
        {
            return QosClass.Guaranteed;
        }
        return QosClass.Burstable;
    }

    public static string ToApiString(this QosClass qos) => qos.ToString();

    // A request without a limit counts; zero values do not (as upstream).
    private static Dictionary<string, decimal> Compute(Dictionary<string, Quantity>? values) =>
        (values ?? []).Where(v => ComputeResources.Contains(v.Key) && v.Value.Value > 0)
            .ToDictionary(v => v.Key, v => v.Value.Value, StringComparer.Ordinal);
}
