namespace EdgeNode.Kube.Api;

/// <summary>Content types of <see cref="KubeApiClient.PatchAsync{T}"/>.</summary>
public static class KubePatchTypes
{
    /// <summary>What the kubelet uses for node and pod status (lists merged by their merge keys).</summary>
    public const string StrategicMerge = "application/strategic-merge-patch+json";

    /// <summary>RFC 7386 JSON merge patch (lists replaced).</summary>
    public const string Merge = "application/merge-patch+json";

    /// <summary>RFC 6902 JSON patch (a list of operations).</summary>
    public const string Json = "application/json-patch+json";
}
