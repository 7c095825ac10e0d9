using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Testing;
using Shouldly;

namespace EdgeNode.Core.Tests.Engine;

public sealed class PodVolumesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgenode-volumes-").FullName;
    private readonly FakeHostFileSystem _host = new();
    private readonly PodVolumes _volumes;

    public PodVolumesTests()
    {
        _volumes = new PodVolumes(Path.Combine(_directory, "root"), _host);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static DesiredPod Pod(params Volume[] volumes) =>
        TestPods.Desired(TestPods.Spec(TestPods.Container("app")) with { Volumes = [.. volumes] });

    private static Volume HostPath(string name, string path, string? type) =>
        new() { Name = name, HostPath = new HostPathVolumeSource { Path = path, Type = type } };

    private string EmptyDirPath(string name) =>
        Path.Combine(_directory, "root", "pods", TestPods.Uid, "volumes", "kubernetes.io~empty-dir", name);

    [Fact]
    public void Prepare_EmptyDir_CreatesWorldWritableDirectoryUnderPodDirectory()
    {
        // Act
        var paths = _volumes.Prepare(Pod(new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource() }));

        // Assert
        paths["scratch"].ShouldBe(EmptyDirPath("scratch"));
        Directory.Exists(paths["scratch"]).ShouldBeTrue();
        File.GetUnixFileMode(paths["scratch"]).ShouldBe((UnixFileMode)0b111_111_111);
        _host.TmpfsMounts.ShouldBeEmpty();
    }

    [Fact]
    public void Prepare_MemoryEmptyDir_MountsTmpfsOnceWithSizeLimit()
    {
        // Arrange
        var pod = Pod(new Volume { Name = "shm", EmptyDir = new EmptyDirVolumeSource { Medium = "Memory", SizeLimit = Quantity.Parse("64Mi") } });

        // Act
        _volumes.Prepare(pod);
        _volumes.Prepare(pod);

        // Assert
        _host.TmpfsMounts.ShouldBe([(EmptyDirPath("shm"), (long?)(64L * 1024 * 1024))]);
    }

    [Fact]
    public void Prepare_EmptyDirWithExistingFiles_KeepsThem()
    {
        // Arrange
        var pod = Pod(new Volume { Name = "data", EmptyDir = new EmptyDirVolumeSource() });
        var path = _volumes.Prepare(pod)["data"];
        File.WriteAllText(Path.Combine(path, "state"), "x");

        // Act
        _volumes.Prepare(pod);

        // Assert
        File.ReadAllText(Path.Combine(path, "state")).ShouldBe("x");
    }

    [Theory]
    [InlineData("Directory", HostFileType.Directory)]
    [InlineData("File", HostFileType.File)]
    [InlineData("Socket", HostFileType.Socket)]
    [InlineData("CharDevice", HostFileType.CharDevice)]
    [InlineData("BlockDevice", HostFileType.BlockDevice)]
    [InlineData("", HostFileType.Missing)]
    [InlineData(null, HostFileType.Other)]
    public void Prepare_HostPathOfExpectedType_ReturnsPath(string? type, HostFileType actual)
    {
        // Arrange
        _host.SetType("/dev/thing", actual);

        // Act
        var paths = _volumes.Prepare(Pod(HostPath("thing", "/dev/thing", type)));

        // Assert
        paths["thing"].ShouldBe("/dev/thing");
    }

    [Fact]
    public void Prepare_DirectoryOrCreateMissing_CreatesDirectory()
    {
        // Arrange
        var path = Path.Combine(_directory, "host", "data");

        // Act
        var paths = _volumes.Prepare(Pod(HostPath("data", path, "DirectoryOrCreate")));

        // Assert
        paths["data"].ShouldBe(path);
        Directory.Exists(path).ShouldBeTrue();
    }

    [Fact]
    public void Prepare_FileOrCreateMissingInExistingDirectory_CreatesEmptyFile()
    {
        // Arrange
        var path = Path.Combine(_directory, "app.lock");

        // Act
        _volumes.Prepare(Pod(HostPath("lock", path, "FileOrCreate")));

        // Assert
        File.Exists(path).ShouldBeTrue();
        new FileInfo(path).Length.ShouldBe(0);
    }

    [Fact]
    public void Prepare_FileOrCreateInMissingDirectory_ThrowsWithFix()
    {
        // Arrange
        var path = Path.Combine(_directory, "nope", "app.lock");

        // Act
        var error = Should.Throw<VolumeException>(() => _volumes.Prepare(Pod(HostPath("lock", path, "FileOrCreate"))));

        // Assert
        error.Message.ShouldBe($"hostPath volume \"lock\": cannot create file {path} because its directory does not exist: create the directory or use type DirectoryOrCreate for it");
    }

    [Fact]
    public void Prepare_DirectoryOrCreateButFile_ThrowsNamingBothTypes()
    {
        // Arrange
        _host.SetType("/srv/data", HostFileType.File);

        // Act
        var error = Should.Throw<VolumeException>(() => _volumes.Prepare(Pod(HostPath("data", "/srv/data", "DirectoryOrCreate"))));

        // Assert
        error.Message.ShouldBe("hostPath volume \"data\" of type DirectoryOrCreate needs a directory at /srv/data, but it is a File: create it or change the volume's type");
    }

    [Fact]
    public void Prepare_SocketMissing_ThrowsNothingExists()
    {
        // Act
        var error = Should.Throw<VolumeException>(() => _volumes.Prepare(Pod(HostPath("sock", "/run/missing.sock", "Socket"))));

        // Assert
        error.Message.ShouldBe("hostPath volume \"sock\" of type Socket needs a unix socket at /run/missing.sock, but nothing exists there: create it or change the volume's type");
    }

    [Fact]
    public void Prepare_CharDeviceIsDirectory_Throws()
    {
        // Arrange
        _host.SetType("/dev/i2c-1", HostFileType.Directory);

        // Act / Assert
        Should.Throw<VolumeException>(() => _volumes.Prepare(Pod(HostPath("i2c", "/dev/i2c-1", "CharDevice"))))
            .Message.ShouldContain("needs a character device at /dev/i2c-1, but it is a Directory");
    }

    [Fact]
    public void Prepare_VolumeWithoutSource_Throws()
    {
        // Act / Assert
        Should.Throw<VolumeException>(() => _volumes.Prepare(Pod(new Volume { Name = "empty" })))
            .Message.ShouldBe("volume \"empty\" has no source: give it emptyDir or hostPath");
    }

    [Fact]
    public void WriteEtcHosts_PodIp_WritesLocalhostAndPodHostname()
    {
        // Arrange
        var pod = TestPods.Desired(TestPods.Spec(TestPods.Container("app")) with { Hostname = "gateway" });

        // Act
        var path = _volumes.WriteEtcHosts(pod, "10.88.0.5");

        // Assert
        path.ShouldBe(Path.Combine(_volumes.PodDirectory(TestPods.Uid), "etc-hosts"));
        var lines = File.ReadAllLines(path);
        lines.ShouldContain("127.0.0.1\tlocalhost");
        lines.ShouldContain("::1\tlocalhost ip6-localhost ip6-loopback");
        lines.ShouldContain("10.88.0.5\tgateway");
    }

    [Fact]
    public void WriteEtcHosts_NoPodIp_OnlyLocalhostEntries()
    {
        // Act
        var path = _volumes.WriteEtcHosts(Pod(), "");

        // Assert
        File.ReadAllText(path).ShouldNotContain("web");
    }

    [Fact]
    public void TerminationMessageFile_RestartCount_EmptyFileWritableByAnyUser()
    {
        // Act
        var path = _volumes.TerminationMessageFile(TestPods.Uid, "app", 2);

        // Assert
        path.ShouldBe(Path.Combine(_volumes.PodDirectory(TestPods.Uid), "containers", "app", "2"));
        new FileInfo(path).Length.ShouldBe(0);
        File.GetUnixFileMode(path).ShouldBe((UnixFileMode)0b110_110_110);
    }

    [Fact]
    public void Cleanup_PodWithEmptyDirs_UnmountsEachAndDeletesPodDirectory()
    {
        // Arrange
        _volumes.Prepare(Pod(
            new Volume { Name = "a", EmptyDir = new EmptyDirVolumeSource() },
            new Volume { Name = "b", EmptyDir = new EmptyDirVolumeSource { Medium = "Memory" } }));
        _volumes.WriteEtcHosts(Pod(), "10.88.0.5");

        // Act
        _volumes.Cleanup(TestPods.Uid);

        // Assert
        _host.Unmounts.ShouldBe([EmptyDirPath("a"), EmptyDirPath("b")], ignoreOrder: true);
        Directory.Exists(_volumes.PodDirectory(TestPods.Uid)).ShouldBeFalse();
    }

    [Fact]
    public void Cleanup_UnknownPod_DoesNothing()
    {
        // Act
        _volumes.Cleanup("never-existed");

        // Assert
        _host.Unmounts.ShouldBeEmpty();
    }
}
