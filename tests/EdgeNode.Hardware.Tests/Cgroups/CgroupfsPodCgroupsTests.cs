using EdgeNode.Core.Engine;
using EdgeNode.Hardware.Cgroups;
using Shouldly;

namespace EdgeNode.Hardware.Tests.Cgroups;

public sealed class CgroupfsPodCgroupsTests : IDisposable
{
    private readonly FixtureTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData(QosClass.Guaranteed, "/kubepods/podabc")]
    [InlineData(QosClass.Burstable, "/kubepods/burstable/podabc")]
    [InlineData(QosClass.BestEffort, "/kubepods/besteffort/podabc")]
    public void ParentFor_QosClass_UsesTheKubeletLayout(QosClass qos, string expected) =>
        new CgroupfsPodCgroups(_tree.Root).ParentFor("abc", qos).ShouldBe(expected);

    [Fact]
    public void Remove_HybridHierarchies_RemovesThePodInEachController()
    {
        foreach (var controller in new[] { "memory", "cpu", "unified" })
        {
            Directory.CreateDirectory(Path.Combine(_tree.Root, controller, "kubepods", "burstable", "podabc", "container1"));
        }

        new CgroupfsPodCgroups(_tree.Root).Remove("abc", QosClass.Burstable);

        foreach (var controller in new[] { "memory", "cpu", "unified" })
        {
            Directory.Exists(Path.Combine(_tree.Root, controller, "kubepods", "burstable", "podabc")).ShouldBeFalse();
            Directory.Exists(Path.Combine(_tree.Root, controller, "kubepods", "burstable")).ShouldBeTrue();
        }
    }

    [Fact]
    public void Remove_PureV2_RemovesUnderTheRoot()
    {
        _tree.With("cgroup.controllers", "cpu memory pids");
        Directory.CreateDirectory(Path.Combine(_tree.Root, "kubepods", "podabc"));

        new CgroupfsPodCgroups(_tree.Root).Remove("abc", QosClass.Guaranteed);

        Directory.Exists(Path.Combine(_tree.Root, "kubepods", "podabc")).ShouldBeFalse();
    }
}
