using EdgeNode.Core.Pods;
using EdgeNode.Core.Sources;
using EdgeNode.Core.Tests.Manifests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace EdgeNode.Core.Tests.Sources;

public sealed class ManifestFolderSourceTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingLogger<ManifestFolderSource> logger = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Scan_MissingFolder_ReportsOneProblem()
    {
        var missing = Path.Combine(folder.Path, "nope");

        var snapshot = Source(missing).Scan();

        snapshot.Source.ShouldBe(PodSourceNames.File);
        snapshot.Pods.ShouldBeEmpty();
        snapshot.Problems.ShouldHaveSingleItem().Message
            .ShouldBe($"{missing}: the static pod folder does not exist: create it or fix --pod-manifest-path (staticPodPath)");
    }

    [Fact]
    public void Scan_Folder_ReadsManifestFilesSortedByPath()
    {
        folder.Write("b.yml", TestManifests.Pod(name: "b"));
        folder.Write("a.yaml", TestManifests.Pod(name: "a1") + "---\n" + TestManifests.Pod(name: "a2"));
        folder.Write("c.json", """{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "c"}, "spec": {"containers": [{"name": "app", "image": "nginx"}]}}""");
        folder.Write(".hidden.yaml", TestManifests.Pod(name: "hidden"));
        folder.Write("notes.txt", "not a manifest");
        Directory.CreateDirectory(folder.File("sub.yaml"));

        var snapshot = Source().Scan();

        snapshot.Problems.ShouldBeEmpty();
        snapshot.Pods.Select(p => p.Name).ShouldBe(["a1-node1", "a2-node1", "b-node1", "c-node1"]);
        snapshot.Pods[0].ManifestPath.ShouldBe(folder.File("a.yaml"));
        snapshot.Pods[0].Source.ShouldBe(PodSourceNames.File);
        snapshot.Pods[0].Pod.Spec.NodeName.ShouldBe("node1");
    }

    [Fact]
    public void Scan_PathIsAFile_ReadsThatFile()
    {
        var file = folder.Write("web.yaml", TestManifests.Pod());

        Source(file).Scan().Pods.ShouldHaveSingleItem().Name.ShouldBe("web-node1");
    }

    [Fact]
    public void Scan_SameContentInTwoSourceInstances_SameUidAndTheFirstSeenTime()
    {
        folder.Write("web.yaml", TestManifests.Pod());
        var first = Source().Scan().Pods.ShouldHaveSingleItem();

        time.Advance(TimeSpan.FromHours(1));
        var afterRestart = Source().Scan().Pods.ShouldHaveSingleItem();

        afterRestart.Uid.ShouldBe(first.Uid);
        afterRestart.Pod.Metadata.Annotations![PodAnnotations.ConfigSeen].ShouldBe("2025-03-01T13:00:00Z");
    }

    [Fact]
    public void Scan_Rescan_KeepsConfigSeen()
    {
        folder.Write("web.yaml", TestManifests.Pod());
        var source = Source();
        source.Scan();

        time.Advance(TimeSpan.FromMinutes(5));

        source.Scan().Pods.ShouldHaveSingleItem().Pod.Metadata.Annotations![PodAnnotations.ConfigSeen].ShouldBe("2025-03-01T12:00:00Z");
    }

    [Fact]
    public void Scan_ChangedSpec_NewUid()
    {
        folder.Write("web.yaml", TestManifests.Pod());
        var source = Source();
        var before = source.Scan().Pods.ShouldHaveSingleItem();

        folder.Write("web.yaml", TestManifests.Pod("    args: [--debug]\n"));
        var after = source.Scan().Pods.ShouldHaveSingleItem();

        after.Uid.ShouldNotBe(before.Uid);
        after.Name.ShouldBe(before.Name);
    }

    [Fact]
    public void Scan_FileRemoved_StopsItsPods()
    {
        folder.Write("a.yaml", TestManifests.Pod(name: "a"));
        folder.Write("b.yaml", TestManifests.Pod(name: "b"));
        var source = Source();
        source.Scan();

        folder.Delete("a.yaml");

        source.Scan().Pods.ShouldHaveSingleItem().Name.ShouldBe("b-node1");
    }

    [Fact]
    public void Scan_DuplicateNameAcrossFiles_FirstFileWinsAndLaterOneGetsProblem()
    {
        folder.Write("a.yaml", TestManifests.Pod());
        folder.Write("b.yaml", TestManifests.Pod("    args: [other]\n"));

        var snapshot = Source().Scan();

        snapshot.Pods.ShouldHaveSingleItem().ManifestPath.ShouldBe(folder.File("a.yaml"));
        var problem = snapshot.Problems.ShouldHaveSingleItem();
        problem.Path.ShouldBe(folder.File("b.yaml"));
        problem.Message.ShouldBe($"{folder.File("b.yaml")}: document 1: metadata.name \"web\" duplicates pod default/web-node1 from {folder.File("a.yaml")}: rename one of them");
    }

    [Fact]
    public void Scan_DuplicateNameWithinFile_FirstDocumentWins()
    {
        folder.Write("a.yaml", TestManifests.Pod() + "---\n" + TestManifests.Pod("    args: [x]\n"));

        var snapshot = Source().Scan();

        snapshot.Pods.ShouldHaveSingleItem();
        snapshot.Problems.ShouldHaveSingleItem().Message.ShouldStartWith($"{folder.File("a.yaml")}: document 2: metadata.name \"web\" duplicates pod default/web-node1 from {folder.File("a.yaml")}");
    }

    [Fact]
    public void Scan_NewcomerSortingEarlier_PublishedPodKeepsWinning()
    {
        folder.Write("b.yaml", TestManifests.Pod());
        var source = Source();
        var published = source.Scan().Pods.ShouldHaveSingleItem();

        folder.Write("a.yaml", TestManifests.Pod("    args: [newcomer]\n"));
        var snapshot = source.Scan();

        snapshot.Pods.ShouldHaveSingleItem().Uid.ShouldBe(published.Uid);
        snapshot.Problems.ShouldHaveSingleItem().Message.ShouldBe($"{folder.File("a.yaml")}: document 1: metadata.name \"web\" duplicates pod default/web-node1 from {folder.File("b.yaml")}: rename one of them");
        source.Scan().Pods.ShouldHaveSingleItem().Uid.ShouldBe(published.Uid);
    }

    [Fact]
    public void Scan_FileBecomesInvalid_KeepsLastValidPodsAndSaysSo()
    {
        folder.Write("web.yaml", TestManifests.Pod());
        folder.Write("other.yaml", TestManifests.Pod(name: "other"));
        var source = Source();
        var valid = source.Scan().Pods.Single(p => p.Name == "web-node1");

        folder.Write("web.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    ima");
        var snapshot = source.Scan();

        snapshot.Pods.Select(p => p.Uid).ShouldBe([snapshot.Pods[0].Uid, valid.Uid]);
        snapshot.Pods.Select(p => p.Name).ShouldBe(["other-node1", "web-node1"]);
        snapshot.Problems.Count.ShouldBe(2);
        snapshot.Problems[0].Message.ShouldStartWith($"{folder.File("web.yaml")}: line 8, column 5: the syntax is invalid");
        snapshot.Problems[1].Message.ShouldBe($"{folder.File("web.yaml")}: pod default/web-node1 keeps running its last valid version until the problems in this file are fixed");
        snapshot.Problems[1].PodName.ShouldBe("web-node1");
    }

    [Fact]
    public void Scan_FileStaysInvalid_KeepsRetainingAcrossRescans()
    {
        folder.Write("web.yaml", TestManifests.Pod());
        var source = Source();
        var valid = source.Scan().Pods.ShouldHaveSingleItem();
        folder.Write("web.yaml", "kind: Pod\nmetadata: [broken");
        source.Scan();

        var snapshot = source.Scan();

        snapshot.Pods.ShouldHaveSingleItem().Uid.ShouldBe(valid.Uid);
        snapshot.Problems.Count.ShouldBe(2);
    }

    [Fact]
    public void Scan_EmptiedFile_KeepsLastValidPods()
    {
        folder.Write("web.yaml", TestManifests.Pod());
        var source = Source();
        var valid = source.Scan().Pods.ShouldHaveSingleItem();

        folder.Write("web.yaml", "");
        var snapshot = source.Scan();

        snapshot.Pods.ShouldHaveSingleItem().Uid.ShouldBe(valid.Uid);
        snapshot.Problems[0].Message.ShouldBe($"{folder.File("web.yaml")}: the file contains no manifest: add a v1 Pod or delete the file");
    }

    [Fact]
    public void Scan_InvalidFileFixed_PublishesNewVersionWithoutProblems()
    {
        folder.Write("web.yaml", TestManifests.Pod());
        var source = Source();
        var first = source.Scan().Pods.ShouldHaveSingleItem();
        folder.Write("web.yaml", TestManifests.Pod("    foo: 1\n"));
        source.Scan();

        folder.Write("web.yaml", TestManifests.Pod("    args: [fixed]\n"));
        var snapshot = source.Scan();

        snapshot.Problems.ShouldBeEmpty();
        snapshot.Pods.ShouldHaveSingleItem().Uid.ShouldNotBe(first.Uid);
    }

    [Fact]
    public void Scan_InvalidFileRemoved_StopsItsRetainedPods()
    {
        folder.Write("web.yaml", TestManifests.Pod());
        var source = Source();
        source.Scan();
        folder.Write("web.yaml", "not: [valid");
        source.Scan().Pods.ShouldHaveSingleItem();

        folder.Delete("web.yaml");
        var snapshot = source.Scan();

        snapshot.Pods.ShouldBeEmpty();
        snapshot.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Scan_OneDocumentBreaks_ChangedValidDocumentIsAppliedAndBrokenOneRetained()
    {
        folder.Write("web.yaml", TestManifests.Pod(name: "a") + "---\n" + TestManifests.Pod(name: "b"));
        var source = Source();
        var before = source.Scan().Pods;

        folder.Write("web.yaml", TestManifests.Pod("    args: [v2]\n", name: "a") + "---\n" + TestManifests.Pod("    foo: 1\n", name: "b"));
        var snapshot = source.Scan();

        snapshot.Pods.Select(p => p.Name).ShouldBe(["a-node1", "b-node1"]);
        snapshot.Pods[0].Uid.ShouldNotBe(before[0].Uid);
        snapshot.Pods[1].Uid.ShouldBe(before[1].Uid);
        snapshot.Problems.Count.ShouldBe(2);
    }

    [Fact]
    public void Scan_NewFileWithOneBadDocument_RunsTheGoodOne()
    {
        folder.Write("web.yaml", TestManifests.Pod(name: "good") + "---\napiVersion: apps/v1\nkind: Deployment\n");

        var snapshot = Source().Scan();

        snapshot.Pods.ShouldHaveSingleItem().Name.ShouldBe("good-node1");
        snapshot.Problems.ShouldHaveSingleItem();
    }

    [Fact]
    public void Scan_RenameIntoTakenName_KeepsTheOldPodOfThatFile()
    {
        folder.Write("a.yaml", TestManifests.Pod(name: "x"));
        folder.Write("b.yaml", TestManifests.Pod(name: "y"));
        var source = Source();
        var y = source.Scan().Pods.Single(p => p.Name == "y-node1");

        folder.Write("b.yaml", TestManifests.Pod(name: "x"));
        var snapshot = source.Scan();

        snapshot.Pods.Select(p => p.Uid).ShouldContain(y.Uid);
        snapshot.Problems.Select(p => p.Message).ShouldBe(
        [
            $"{folder.File("b.yaml")}: document 1: metadata.name \"x\" duplicates pod default/x-node1 from {folder.File("a.yaml")}: rename one of them",
            $"{folder.File("b.yaml")}: pod default/y-node1 keeps running its last valid version until the problems in this file are fixed",
        ]);
    }

    [Fact]
    public void Scan_SameExplicitUidInTwoFiles_LaterOneGetsProblem()
    {
        var withUid = (string name) => TestManifests.Pod(name: name).Replace($"  name: {name}\n", $"  name: {name}\n  uid: same\n", StringComparison.Ordinal);
        folder.Write("a.yaml", withUid("a"));
        folder.Write("b.yaml", withUid("b"));

        var snapshot = Source().Scan();

        snapshot.Pods.ShouldHaveSingleItem().Name.ShouldBe("a-node1");
        snapshot.Problems.ShouldHaveSingleItem().Message.ShouldStartWith($"{folder.File("b.yaml")}: document 1: metadata.uid \"same\" is already used by pod default/a-node1");
    }

    [Fact]
    public void Scan_DanglingSymlink_ReportsProblem()
    {
        File.CreateSymbolicLink(folder.File("gone.yaml"), "/nonexistent/gone.yaml");

        Source().Scan().Problems.ShouldHaveSingleItem().Message
            .ShouldBe($"{folder.File("gone.yaml")}: the file is a symbolic link to /nonexistent/gone.yaml, which does not exist: fix or remove the link");
    }

    [Fact]
    public void Scan_UnreadableFile_ReportsProblem()
    {
        Assert.SkipWhen(Environment.UserName == "root", "root can read any file");
        var file = folder.Write("web.yaml", TestManifests.Pod());
        File.SetUnixFileMode(file, UnixFileMode.None);

        Source().Scan().Problems.ShouldHaveSingleItem().Message.ShouldStartWith($"{file}: the file cannot be read (");
    }

    [Fact]
    public void Scan_ReadFails_ReportsProblem()
    {
        // Opens fine but every read fails with EIO, for root too.
        const string file = "/proc/self/mem";

        Source(file).Scan().Problems.ShouldHaveSingleItem().Message.ShouldStartWith($"{file}: the file cannot be read (");
    }

    [Fact]
    public void Scan_ProblemSeenTwice_LoggedOnceAndResolutionLogged()
    {
        folder.Write("web.yaml", TestManifests.Pod("    foo: 1\n"));
        var source = Source();
        source.Scan();
        source.Scan();

        folder.Write("web.yaml", TestManifests.Pod());
        source.Scan();

        logger.Entries.ShouldBe(
        [
            (LogLevel.Warning, $"Static pod manifest problem: {folder.File("web.yaml")}: document 1: field spec.containers[0].foo is not supported by EdgeNode: remove it or check its spelling"),
            (LogLevel.Information, $"Static pod manifest problem resolved: {folder.File("web.yaml")}: document 1: field spec.containers[0].foo is not supported by EdgeNode: remove it or check its spelling"),
        ]);
    }

    [Fact]
    public async Task RunAsync_Start_PublishesFirstScanImmediately()
    {
        folder.Write("web.yaml", TestManifests.Pod());
        await using var run = Run();

        (await run.Next()).Pods.ShouldHaveSingleItem().Name.ShouldBe("web-node1");
    }

    [Fact]
    public async Task RunAsync_FileChanged_PublishesAfterPeriodicRescan()
    {
        folder.Write("web.yaml", TestManifests.Pod());
        await using var run = Run();
        var first = await run.Next();

        folder.Write("other.yaml", TestManifests.Pod(name: "other"));
        time.Advance(TimeSpan.FromSeconds(20));

        (await run.Next()).Pods.Count.ShouldBe(2);
        first.Pods.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_NothingChanged_DoesNotPublishAgain()
    {
        folder.Write("web.yaml", TestManifests.Pod());
        await using var run = Run();
        await run.Next();
        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(20));
        }

        folder.Delete("web.yaml");
        time.Advance(TimeSpan.FromSeconds(20));

        (await run.Next()).Pods.ShouldBeEmpty();
        run.Published.ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_Cancelled_Returns()
    {
        var run = Run();
        await run.Next();

        await run.DisposeAsync();

        run.Task.IsCompletedSuccessfully.ShouldBeTrue();
    }

    private ManifestFolderSource Source(string? path = null) =>
        new(new ManifestFolderOptions { Path = path ?? folder.Path, NodeName = "node1", Debounce = TimeSpan.Zero }, time, logger);

    private SourceRun Run() => new(Source());

    /// <summary>RunAsync in the background; its snapshots arrive through <see cref="Next"/>.</summary>
    private sealed class SourceRun : IAsyncDisposable
    {
        private readonly System.Threading.Channels.Channel<PodSourceSnapshot> snapshots = System.Threading.Channels.Channel.CreateUnbounded<PodSourceSnapshot>();
        private readonly CancellationTokenSource stop = new();
        private int published;

        public SourceRun(ManifestFolderSource source)
        {
            Task = source.RunAsync(
                (snapshot, _) =>
                {
                    Interlocked.Increment(ref published);
                    snapshots.Writer.TryWrite(snapshot);
                    return Task.CompletedTask;
                },
                stop.Token);
        }

        public Task Task { get; }

        public int Published => Volatile.Read(ref published);

        public async Task<PodSourceSnapshot> Next() =>
            await snapshots.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await Task.WaitAsync(TimeSpan.FromSeconds(10));
            stop.Dispose();
        }
    }
}
