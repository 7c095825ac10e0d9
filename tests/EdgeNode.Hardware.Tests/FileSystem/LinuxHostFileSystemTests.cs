using EdgeNode.Core.Engine;
using EdgeNode.Hardware.FileSystem;
using Shouldly;

namespace EdgeNode.Hardware.Tests.FileSystem;

public sealed class LinuxHostFileSystemTests : IDisposable
{
    private readonly FixtureTree _tree = new();
    private readonly LinuxHostFileSystem _fs = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void GetFileType_RealFiles_ReportsTheirKind()
    {
        _tree.With("file.txt", "x");

        _fs.GetFileType(_tree.Root).ShouldBe(HostFileType.Directory);
        _fs.GetFileType(Path.Combine(_tree.Root, "file.txt")).ShouldBe(HostFileType.File);
        _fs.GetFileType(Path.Combine(_tree.Root, "missing")).ShouldBe(HostFileType.Missing);
        _fs.GetFileType("/dev/null").ShouldBe(HostFileType.CharDevice);
    }

    [Fact]
    public void GetFileType_UnixSocket_IsSocket()
    {
        var path = Path.Combine(_tree.Root, "s.sock");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));

        _fs.GetFileType(path).ShouldBe(HostFileType.Socket);
    }

    [Fact]
    public void Unmount_PlainDirectory_IsANoOp() => Should.NotThrow(() => _fs.Unmount(_tree.Root));
}
