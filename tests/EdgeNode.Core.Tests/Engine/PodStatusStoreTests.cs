using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Sources;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class PodStatusStoreTests
{
    private readonly PodStatusStore _store = new();

    private static DesiredPod Pod(string name, string uid, string ns = "default", string? path = null) =>
        TestPods.Desired(TestPods.Spec(TestPods.Container("app")), name: name, uid: uid, ns: ns, manifestPath: path);

    [Fact]
    public void Snapshot_PublishedPods_SortedByNamespaceAndName()
    {
        // Arrange
        _store.Publish(Pod("b", "2"), new PodStatus { Phase = PodPhases.Running });
        _store.Publish(Pod("a", "1", ns: "kube-system"), new PodStatus { Phase = PodPhases.Pending });
        _store.Publish(Pod("a", "3"), new PodStatus { Phase = PodPhases.Succeeded });

        // Act
        var reports = _store.Snapshot();

        // Assert
        reports.Select(r => $"{r.Namespace}/{r.Name}").ShouldBe(["default/a", "default/b", "kube-system/a"]);
        reports[0].Status!.Phase.ShouldBe(PodPhases.Succeeded);
        reports[0].Source.ShouldBe("file");
        reports[0].Uid.ShouldBe("3");
    }

    [Fact]
    public void Publish_SamePodTwice_KeepsLatest()
    {
        // Arrange
        _store.Publish(Pod("a", "1"), new PodStatus { Phase = PodPhases.Pending });

        // Act
        _store.Publish(Pod("a", "1"), new PodStatus { Phase = PodPhases.Running });

        // Assert
        _store.Snapshot().ShouldHaveSingleItem().Status!.Phase.ShouldBe(PodPhases.Running);
    }

    [Fact]
    public void Remove_PublishedPod_Gone()
    {
        // Arrange
        _store.Publish(Pod("a", "1"), new PodStatus());

        // Act
        _store.Remove("1");

        // Assert
        _store.Snapshot().ShouldBeEmpty();
    }

    [Fact]
    public void Snapshot_ProblemOfRunningPodsManifest_AttachedToThatPod()
    {
        // Arrange
        _store.Publish(Pod("web", "1", path: "/m/web.yaml"), new PodStatus { Phase = PodPhases.Running });
        _store.SetProblems([new ManifestProblem("/m/web.yaml", "web", "default", "web.yaml: bad image")]);

        // Act
        var report = _store.Snapshot().ShouldHaveSingleItem();

        // Assert
        report.Problem.ShouldBe("web.yaml: bad image");
        report.Status!.Phase.ShouldBe(PodPhases.Running);
    }

    [Fact]
    public void Snapshot_ProblemWithoutPod_ListedOnItsOwn()
    {
        // Arrange
        _store.Publish(Pod("web", "1", path: "/m/web.yaml"), new PodStatus());
        _store.SetProblems([new ManifestProblem("/m/broken.yaml", null, null, "broken.yaml: not YAML")]);

        // Act
        var reports = _store.Snapshot();

        // Assert
        reports.Count.ShouldBe(2);
        var orphan = reports.Single(r => r.ManifestPath == "/m/broken.yaml");
        orphan.Problem.ShouldBe("broken.yaml: not YAML");
        orphan.Source.ShouldBe("file");
        orphan.Status.ShouldBeNull();
        reports.Single(r => r.Name == "web").Problem.ShouldBeNull();
    }

    [Fact]
    public void Snapshot_ProblemNamesOtherPodInSameFile_NotAttached()
    {
        // Arrange
        _store.Publish(Pod("web", "1", path: "/m/pods.yaml"), new PodStatus());
        _store.SetProblems([new ManifestProblem("/m/pods.yaml", "db", "default", "pods.yaml: db: bad")]);

        // Act
        var reports = _store.Snapshot();

        // Assert
        reports.Single(r => r.Name == "web").Problem.ShouldBeNull();
        reports.Single(r => r.Name == "db").Problem.ShouldBe("pods.yaml: db: bad");
    }
}
