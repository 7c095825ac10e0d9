using EdgeNode.Core.Manifests;
using EdgeNode.Core.Nodes;

namespace EdgeNode.Agent.Configuration;

/// <summary>--node-labels and --register-with-taints, parsed and checked as the kubelet does.</summary>
public static class NodeFlags
{
    private static readonly string[] AllowedKubernetesLabels =
    [
        "kubernetes.io/hostname", "topology.kubernetes.io/zone", "topology.kubernetes.io/region",
        "failure-domain.beta.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/region",
        "beta.kubernetes.io/instance-type", "node.kubernetes.io/instance-type",
        "kubernetes.io/os", "kubernetes.io/arch", "beta.kubernetes.io/os", "beta.kubernetes.io/arch",
    ];

    private static readonly string[] TaintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    /// <summary>"key=value,key2=value2"; kubernetes.io/k8s.io keys only where the kubelet may set them.</summary>
    public static Dictionary<string, string> ParseLabels(string? text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Split(text))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                throw new ConfigurationException($"--node-labels: \"{pair}\" is not key=value: write labels like zone=kitchen,power=ups");
            }
            var (key, value) = (parts[0], parts[1]);
            var prefix = key.Contains('/', StringComparison.Ordinal) ? key[..key.IndexOf('/', StringComparison.Ordinal)] : "";
            var restricted = prefix is "kubernetes.io" or "k8s.io" || prefix.EndsWith(".kubernetes.io", StringComparison.Ordinal) || prefix.EndsWith(".k8s.io", StringComparison.Ordinal);
            var allowedNamespace = prefix is "kubelet.kubernetes.io" or "node.kubernetes.io" ||
                prefix.EndsWith(".kubelet.kubernetes.io", StringComparison.Ordinal) || prefix.EndsWith(".node.kubernetes.io", StringComparison.Ordinal);
            if (restricted && !allowedNamespace && !AllowedKubernetesLabels.Contains(key))
            {
                throw new ConfigurationException($"unknown 'kubernetes.io' or 'k8s.io' labels specified with --node-labels: [{key}]: use your own prefix, or node.kubernetes.io/ or kubelet.kubernetes.io/");
            }
            labels[key] = value;
        }
        return labels;
    }

    /// <summary>"key=value:Effect,key:Effect".</summary>
    public static List<Taint> ParseTaints(string? text)
    {
        var taints = new List<Taint>();
        foreach (var spec in Split(text))
        {
            var colon = spec.LastIndexOf(':');
            var effect = colon < 0 ? "" : spec[(colon + 1)..];
            if (colon <= 0 || !TaintEffects.Contains(effect))
            {
                throw new ConfigurationException($"--register-with-taints: \"{spec}\" is not key[=value]:Effect with Effect NoSchedule, PreferNoSchedule or NoExecute");
            }
            var keyValue = spec[..colon].Split('=', 2);
            taints.Add(new Taint { Key = keyValue[0], Value = keyValue.Length == 2 ? keyValue[1] : null, Effect = effect });
        }
        return taints;
    }

    private static IEnumerable<string> Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
