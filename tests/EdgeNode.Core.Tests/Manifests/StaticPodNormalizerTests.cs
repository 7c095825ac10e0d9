using EdgeNode.Core.Manifests;
using EdgeNode.Core.Pods;
using Shouldly;

namespace EdgeNode.Core.Tests.Manifests;

public sealed class StaticPodNormalizerTests
{
    private static readonly DateTimeOffset Seen = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Normalize_ManifestPod_AppliesKubeletStaticPodRules()
    {
        var pod = StaticPodNormalizer.Normalize(Read(TestManifests.Pod()), "Board-1", "/m/web.yaml", _ => Seen.AddTicks(1_234_500));

        pod.Metadata.Name.ShouldBe("web-board-1");
        pod.Metadata.Namespace.ShouldBe("default");
        pod.Metadata.Uid!.ShouldMatch("^[0-9a-f]{32}$");
        pod.Spec.NodeName.ShouldBe("Board-1");
        pod.Status!.Phase.ShouldBe("Pending");
        pod.Metadata.Annotations.ShouldBe(new Dictionary<string, string>
        {
            [PodAnnotations.ConfigHash] = pod.Metadata.Uid!,
            [PodAnnotations.ConfigSource] = "file",
            [PodAnnotations.ConfigSeen] = "2025-03-01T12:00:00.12345Z",
        });
    }

    [Fact]
    public void ComputeUid_SameContentTwice_SameUid() =>
        StaticPodNormalizer.ComputeUid(Read(TestManifests.Pod()), "node1", "/m/web.yaml")
            .ShouldBe(StaticPodNormalizer.ComputeUid(Read(TestManifests.Pod()), "node1", "/m/web.yaml"));

    [Fact]
    public void ComputeUid_KnownInput_IsStableAcrossVersions() =>
        StaticPodNormalizer.ComputeUid(Read(TestManifests.Pod()), "node1", "/m/web.yaml").ShouldBe(ComputeUid_Expected);

    [Theory]
    [InlineData("    args: [--verbose]\n", "node1", "/m/web.yaml")]
    [InlineData("", "node2", "/m/web.yaml")]
    [InlineData("", "node1", "/m/other.yaml")]
    public void ComputeUid_ChangedSpecNodeOrPath_DifferentUid(string container, string node, string path) =>
        StaticPodNormalizer.ComputeUid(Read(TestManifests.Pod(container)), node, path)
            .ShouldNotBe(StaticPodNormalizer.ComputeUid(Read(TestManifests.Pod()), "node1", "/m/web.yaml"));

    [Fact]
    public void ComputeUid_LabelOrder_DoesNotMatter()
    {
        var ab = Read(TestManifests.Pod()) with { Metadata = new ObjectMeta { Name = "web", Namespace = "default", Labels = new() { ["a"] = "1", ["b"] = "2" } } };
        var ba = ab with { Metadata = ab.Metadata with { Labels = new() { ["b"] = "2", ["a"] = "1" } } };

        StaticPodNormalizer.ComputeUid(ab, "node1", "/m/web.yaml").ShouldBe(StaticPodNormalizer.ComputeUid(ba, "node1", "/m/web.yaml"));
    }

    [Fact]
    public void Normalize_DifferentSeenTime_SameUid()
    {
        var pod = Read(TestManifests.Pod());

        var first = StaticPodNormalizer.Normalize(pod, "node1", "/m/web.yaml", _ => Seen);
        var later = StaticPodNormalizer.Normalize(pod, "node1", "/m/web.yaml", _ => Seen.AddHours(5));

        later.Metadata.Uid.ShouldBe(first.Metadata.Uid);
        later.Metadata.Annotations![PodAnnotations.ConfigSeen].ShouldNotBe(first.Metadata.Annotations![PodAnnotations.ConfigSeen]);
    }

    [Fact]
    public void Normalize_ManifestWithUid_KeepsIt()
    {
        var pod = Read(TestManifests.Pod()) with { Metadata = new ObjectMeta { Name = "web", Namespace = "default", Uid = "my-uid" } };

        var normalized = StaticPodNormalizer.Normalize(pod, "node1", "/m/web.yaml", _ => Seen);

        normalized.Metadata.Uid.ShouldBe("my-uid");
        normalized.Metadata.Annotations![PodAnnotations.ConfigHash].ShouldBe("my-uid");
    }

    // MD5 of the key-sorted compact JSON of the defaulted pod + "host:node1" + "file:/m/web.yaml" (checked with Python).
    // If this changes, every static pod on every upgraded board restarts: change it only on purpose.
    private const string ComputeUid_Expected = "4213a24648448b93d23b57beb5282cd8";

    private static Pod Read(string yaml) => PodManifestReader.Read("/m/web.yaml", yaml, "node1").Pods.ShouldHaveSingleItem().Pod;
}
