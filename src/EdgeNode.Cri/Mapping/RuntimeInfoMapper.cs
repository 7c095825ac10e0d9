using EdgeNode.Core.Runtime;

namespace EdgeNode.Cri.Mapping;

/// <summary>Version and Status answers; health messages are worded like the kubelet's node Ready message.</summary>
internal static class RuntimeInfoMapper
{
    private const string RuntimeReady = "RuntimeReady";
    private const string NetworkReady = "NetworkReady";

    public static RuntimeVersion ToVersion(V1.VersionResponse response) =>
        new(response.RuntimeName, response.RuntimeVersion, response.RuntimeApiVersion);

    public static RuntimeHealth ToHealth(V1.StatusResponse response)
    {
        if (response.Status is null)
        {
            return new RuntimeHealth(false, false, "container runtime status check may not have completed yet");
        }

        var runtime = response.Status.Conditions.FirstOrDefault(c => c.Type == RuntimeReady);
        var network = response.Status.Conditions.FirstOrDefault(c => c.Type == NetworkReady);
        var problems = new List<string>(2);
        if (runtime is not { Status: true })
        {
            problems.Add($"container runtime not ready: {Describe(runtime, RuntimeReady)}");
        }

        if (network is not { Status: true })
        {
            problems.Add($"container runtime network not ready: {Describe(network, NetworkReady)}");
        }

        return new RuntimeHealth(runtime is { Status: true }, network is { Status: true }, string.Join(", ", problems));
    }

    private static string Describe(V1.RuntimeCondition? condition, string type) => condition is null
        ? $"{type} condition not reported"
        : $"{condition.Type}={(condition.Status ? "true" : "false")} reason:{condition.Reason} message:{condition.Message}";
}
