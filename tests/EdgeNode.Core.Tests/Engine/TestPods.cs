using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Tests.Engine;

/// <summary>Builds pods for engine tests (already defaulted the way the manifest reader leaves them).</summary>
internal static class TestPods
{
    public const string Uid = "0d4c5f5e-1111-4222-8333-944455556666";
    public const string Name = "web";
    public const string Namespace = "default";

    public static Container Container(string name, string image = "busybox:1.36") =>
        new() { Name = name, Image = image, ImagePullPolicy = "IfNotPresent" };

    public static PodSpec Spec(params Container[] containers) => new() { Containers = [.. containers] };

    public static DesiredPod Desired(
        PodSpec spec, string name = Name, string uid = Uid, string ns = Namespace, string source = "file", string? manifestPath = null,
        Dictionary<string, string>? labels = null, Dictionary<string, string>? annotations = null) =>
        new(new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new ObjectMeta { Name = name, Namespace = ns, Uid = uid, Labels = labels, Annotations = annotations },
            Spec = spec,
        }, source, manifestPath);

    public static Dictionary<string, Quantity> Resources(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => Quantity.Parse(v.Value), StringComparer.Ordinal);
}
