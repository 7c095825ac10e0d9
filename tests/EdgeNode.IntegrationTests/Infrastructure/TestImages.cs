namespace EdgeNode.IntegrationTests.Infrastructure;

/// <summary>The images scripts/build-images makes; built once per test run (no registry is reachable).</summary>
internal static class TestImages
{
    public const string Busybox = "docker.io/library/busybox:1.35";
    public const string Pause = "registry.k8s.io/pause:3.6";

    private static readonly Lazy<Task<string>> Archive = new(BuildAsync);

    /// <summary>The OCI archive holding both images, for <c>ctr images import</c>.</summary>
    public static Task<string> ArchiveAsync() => Archive.Value;

    private static async Task<string> BuildAsync()
    {
        var directory = Directory.CreateTempSubdirectory("edgenode-images-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => directory.Delete(recursive: true);
        var archive = Path.Combine(directory.FullName, "images.tar");
        await ProcessRunner.RunAsync(RepoPaths.Script("build-images"), [archive], TimeSpan.FromMinutes(2));
        return archive;
    }
}
