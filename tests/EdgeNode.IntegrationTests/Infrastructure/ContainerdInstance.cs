namespace EdgeNode.IntegrationTests.Infrastructure;

/// <summary>
/// A private containerd (own socket, root, state, CNI bridge) started with scripts/containerd-instance and
/// loaded with the test images. Use as a class fixture; it stops containerd by PID and deletes its folder.
/// </summary>
public sealed class ContainerdInstance : IAsyncLifetime
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(1);

    private InstanceIndexLease? lease;

    /// <summary>The instance's folder: config, root, state, CNI config, log.</summary>
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("edgenode-containerd-").FullName;

    public string SocketPath => Path.Combine(Directory, "containerd.sock");

    public string Endpoint => $"unix://{SocketPath}";

    /// <summary>Picks the bridge (edgenode&lt;Index&gt;) and pod subnet (10.89.&lt;Index&gt;.0/24).</summary>
    public int Index => lease?.Index ?? throw new InvalidOperationException("The containerd instance has not been started.");

    public async ValueTask InitializeAsync()
    {
        lease = InstanceIndexLease.Acquire();
        await ProcessRunner.RunAsync(
            RepoPaths.Script("containerd-instance"),
            ["start", Directory, Index.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ScriptTimeout);
        var images = await TestImages.ArchiveAsync();
        await ProcessRunner.RunAsync("ctr", ["--address", SocketPath, "-n", "k8s.io", "images", "import", images], ScriptTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ProcessRunner.RunAsync(RepoPaths.Script("containerd-instance"), ["stop", Directory], ScriptTimeout);
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        finally
        {
            lease?.Dispose();
        }
    }
}
