using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;
using EdgeNode.Cri;
using EdgeNode.IntegrationTests.Infrastructure;
using Shouldly;

namespace EdgeNode.IntegrationTests.Cri;

/// <summary>CriRuntimeClient against a real containerd (needs root, containerd, runc and the CNI plugins).</summary>
public sealed class CriRuntimeClientTests : IClassFixture<ContainerdInstance>, IDisposable
{
    private readonly ContainerdInstance containerd;
    private readonly ITestOutputHelper output;
    private readonly CriRuntimeClient client;
    private readonly DirectoryInfo podLogs = Directory.CreateTempSubdirectory("edgenode-pod-logs-");

    public CriRuntimeClientTests(ContainerdInstance containerd, ITestOutputHelper output)
    {
        this.containerd = containerd;
        this.output = output;
        client = new CriRuntimeClient(new CriClientOptions { Endpoint = containerd.Endpoint });
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        client.Dispose();
        podLogs.Delete(recursive: true);
    }

    [Fact]
    public async Task VersionAsync_RealContainerd_ReportsContainerdOverV1()
    {
        var version = await client.VersionAsync(Cancel);

        version.RuntimeName.ShouldBe("containerd");
        version.Version.ShouldNotBeNullOrEmpty();
        version.ApiVersion.ShouldBe("v1");
    }

    [Fact]
    public async Task StatusAsync_RealContainerdWithCni_RuntimeAndNetworkReady()
    {
        var health = await client.StatusAsync(Cancel);

        health.ShouldBe(new RuntimeHealth(RuntimeReady: true, NetworkReady: true, Message: ""));
    }

    [Fact]
    public async Task RunPodSandboxAsync_KubeletLabels_ReadySandboxWithPodIpAndLabels()
    {
        var sandbox = NewSandbox("web");
        var sandboxId = await client.RunPodSandboxAsync(sandbox, Cancel);
        try
        {
            var status = await client.PodSandboxStatusAsync(sandboxId, Cancel);

            status.ShouldNotBeNull();
            status.Sandbox.State.ShouldBe(SandboxState.Ready);
            status.Sandbox.Uid.ShouldBe(sandbox.Uid);
            status.Sandbox.Labels[PodLabels.PodName].ShouldBe("web");
            status.NetworkMode.ShouldBe(NamespaceMode.Pod);
            IPAddress.Parse(status.Ip).GetAddressBytes()[..3].ShouldBe(new byte[] { 10, 89, (byte)containerd.Index });
            var listed = await client.ListPodSandboxesAsync(new Dictionary<string, string> { [PodLabels.PodUid] = sandbox.Uid }, Cancel);
            listed.ShouldHaveSingleItem().Id.ShouldBe(sandboxId);
        }
        finally
        {
            await RemoveSandboxAsync(sandboxId);
        }
    }

    [Fact]
    public async Task StartContainerAsync_BusyboxEcho_RunsAndWritesCriLog()
    {
        var sandbox = NewSandbox("echo");
        var sandboxId = await client.RunPodSandboxAsync(sandbox, Cancel);
        try
        {
            var containerId = await StartContainerAsync(sandboxId, sandbox, "c", "echo hello; sleep 3600");

            var status = await client.ContainerStatusAsync(containerId, Cancel);
            status.ShouldNotBeNull();
            status.State.ShouldBe(ContainerRunState.Running);
            status.StartedAt.ShouldNotBeNull();
            status.FinishedAt.ShouldBeNull();
            status.LogPath.ShouldBe(Path.Combine(sandbox.LogDirectory, "c/0.log"));
            await EventuallyAsync(() => File.Exists(status.LogPath) && File.ReadAllText(status.LogPath).Contains(" stdout F hello"), "the log shows hello");
        }
        finally
        {
            await RemoveSandboxAsync(sandboxId);
        }
    }

    [Fact]
    public async Task ExecSyncAsync_RunningContainer_ReturnsOutputAndExitCode()
    {
        var sandbox = NewSandbox("exec");
        var sandboxId = await client.RunPodSandboxAsync(sandbox, Cancel);
        try
        {
            var containerId = await StartContainerAsync(sandboxId, sandbox, "c", "sleep 3600");

            var result = await client.ExecSyncAsync(containerId, ["sh", "-c", "echo out; echo err >&2; exit 3"], TimeSpan.FromSeconds(10), Cancel);

            result.ShouldBe(new ExecResult(3, "out\n", "err\n"));
        }
        finally
        {
            await RemoveSandboxAsync(sandboxId);
        }
    }

    [Fact]
    public async Task ExecSyncAsync_CommandOutlivesTimeout_ThrowsTimeoutFromRuntime()
    {
        var sandbox = NewSandbox("slowexec");
        var sandboxId = await client.RunPodSandboxAsync(sandbox, Cancel);
        try
        {
            var containerId = await StartContainerAsync(sandboxId, sandbox, "c", "sleep 3600");

            var error = await Should.ThrowAsync<RuntimeException>(
                () => client.ExecSyncAsync(containerId, ["sleep", "30"], TimeSpan.FromSeconds(1), Cancel));

            output.WriteLine(error.Message);
            error.Kind.ShouldBe(RuntimeErrorKind.Timeout);
            error.Message.ShouldStartWith($"ExecSync {containerId} ran past the time limit containerd enforces for it: ");
        }
        finally
        {
            await RemoveSandboxAsync(sandboxId);
        }
    }

    [Fact]
    public async Task StopContainerAsync_TermIgnoringContainer_KilledAtTimeoutWithExit137()
    {
        var sandbox = NewSandbox("stubborn");
        var sandboxId = await client.RunPodSandboxAsync(sandbox, Cancel);
        try
        {
            var containerId = await StartContainerAsync(sandboxId, sandbox, "c", "trap '' TERM; sleep 3600");
            var stopTimeout = TimeSpan.FromSeconds(2);

            var stopwatch = Stopwatch.StartNew();
            await client.StopContainerAsync(containerId, stopTimeout, Cancel);
            stopwatch.Stop();

            output.WriteLine($"StopContainer with a {stopTimeout.TotalSeconds}s timeout took {stopwatch.Elapsed.TotalSeconds:0.00}s");
            stopwatch.Elapsed.ShouldBeGreaterThanOrEqualTo(stopTimeout - TimeSpan.FromMilliseconds(200));
            stopwatch.Elapsed.ShouldBeLessThan(stopTimeout + TimeSpan.FromSeconds(10));
            var status = await client.ContainerStatusAsync(containerId, Cancel);
            status.ShouldNotBeNull();
            status.State.ShouldBe(ContainerRunState.Exited);
            status.ExitCode.ShouldBe(137);
            status.FinishedAt.ShouldNotBeNull();
        }
        finally
        {
            await RemoveSandboxAsync(sandboxId);
        }
    }

    [Fact]
    public async Task ListContainersAsync_LabelSelector_ReturnsOnlyMatchingContainers()
    {
        var sandbox = NewSandbox("two");
        var sandboxId = await client.RunPodSandboxAsync(sandbox, Cancel);
        try
        {
            var first = await StartContainerAsync(sandboxId, sandbox, "first", "sleep 3600");
            var second = await StartContainerAsync(sandboxId, sandbox, "second", "sleep 3600");

            var ofPod = await client.ListContainersAsync(new Dictionary<string, string> { [PodLabels.PodUid] = sandbox.Uid }, Cancel);
            var named = await client.ListContainersAsync(
                new Dictionary<string, string> { [PodLabels.PodUid] = sandbox.Uid, [PodLabels.ContainerName] = "second" }, Cancel);
            var ofOtherPod = await client.ListContainersAsync(new Dictionary<string, string> { [PodLabels.PodUid] = Guid.NewGuid().ToString() }, Cancel);

            ofPod.Select(c => c.Id).ShouldBe([first, second], ignoreOrder: true);
            var container = named.ShouldHaveSingleItem();
            container.Id.ShouldBe(second);
            container.SandboxId.ShouldBe(sandboxId);
            container.Name.ShouldBe("second");
            container.State.ShouldBe(ContainerRunState.Running);
            container.Image.ShouldNotBeNullOrEmpty();
            ofOtherPod.ShouldBeEmpty();
        }
        finally
        {
            await RemoveSandboxAsync(sandboxId);
        }
    }

    [Fact]
    public async Task ImageStatusAsync_ImportedImage_ReturnsItsTags()
    {
        var image = await client.ImageStatusAsync(TestImages.Busybox, Cancel);

        image.ShouldNotBeNull();
        image.Id.ShouldStartWith("sha256:");
        image.RepoTags.ShouldContain(TestImages.Busybox);
        var listed = await client.ListImagesAsync(Cancel);
        listed.Select(i => i.Id).ShouldContain(image.Id);
    }

    [Fact]
    public async Task ImageStatusAsync_AbsentImage_ReturnsNull()
    {
        var image = await client.ImageStatusAsync("docker.io/library/absent:0.0.1", Cancel);

        image.ShouldBeNull();
    }

    [Fact]
    public async Task PullImageAsync_UnresolvableRegistry_RejectedWellUnderAMinute()
    {
        var stopwatch = Stopwatch.StartNew();
        var error = await Should.ThrowAsync<RuntimeException>(() => client.PullImageAsync("registry.invalid/nope:1", sandbox: null, Cancel));
        stopwatch.Stop();

        output.WriteLine($"PullImage of registry.invalid/nope:1 failed after {stopwatch.Elapsed.TotalSeconds:0.00}s: {error.Message}");
        error.Kind.ShouldBe(RuntimeErrorKind.Rejected);
        error.Message.ShouldStartWith("containerd rejected PullImage registry.invalid/nope:1: ");
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RemovePodSandboxAsync_AfterStop_SandboxAndContainersGoneAndRepeatsAreNoOps()
    {
        var sandbox = NewSandbox("gone");
        var sandboxId = await client.RunPodSandboxAsync(sandbox, Cancel);
        var containerId = await StartContainerAsync(sandboxId, sandbox, "c", "sleep 3600");

        await client.StopPodSandboxAsync(sandboxId, Cancel);
        (await client.PodSandboxStatusAsync(sandboxId, Cancel))!.Sandbox.State.ShouldBe(SandboxState.NotReady);
        await client.RemovePodSandboxAsync(sandboxId, Cancel);

        (await client.PodSandboxStatusAsync(sandboxId, Cancel)).ShouldBeNull();
        (await client.ContainerStatusAsync(containerId, Cancel)).ShouldBeNull();
        (await client.ListPodSandboxesAsync(new Dictionary<string, string> { [PodLabels.PodUid] = sandbox.Uid }, Cancel)).ShouldBeEmpty();
        await client.StopContainerAsync(containerId, TimeSpan.Zero, Cancel);
        await client.RemoveContainerAsync(containerId, Cancel);
        await client.StopPodSandboxAsync(sandboxId, Cancel);
        await client.RemovePodSandboxAsync(sandboxId, Cancel);
    }

    [Fact]
    public async Task VersionAsync_MissingSocket_ThrowsUnavailableWithActionableSentence()
    {
        var socket = Path.Combine(podLogs.FullName, "containerd.sock");
        using var missing = new CriRuntimeClient(new CriClientOptions { Endpoint = $"unix://{socket}" });

        var error = await Should.ThrowAsync<RuntimeException>(() => missing.VersionAsync(Cancel));

        error.Kind.ShouldBe(RuntimeErrorKind.Unavailable);
        error.Message.ShouldBe($"containerd is not running at {socket}: start it or pass --container-runtime-endpoint");
    }

    [Fact]
    public async Task VersionAsync_RuntimeNeverAnswers_ThrowsTimeoutNamingCallAndDeadline()
    {
        var socketPath = Path.Combine(podLogs.FullName, "silent.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(); // Connections queue in the backlog and are never answered.
        using var silent = new CriRuntimeClient(new CriClientOptions { Endpoint = socketPath, RuntimeRequestTimeout = TimeSpan.FromMilliseconds(500) });

        var error = await Should.ThrowAsync<RuntimeException>(() => silent.StatusAsync(Cancel));

        error.Kind.ShouldBe(RuntimeErrorKind.Timeout);
        error.Message.ShouldBe(
            "the container runtime did not finish Status within 500ms: check the container runtime's log for a hung operation or raise runtimeRequestTimeout");
    }

    private SandboxSpec NewSandbox(string name)
    {
        var uid = Guid.NewGuid().ToString();
        var logDirectory = Directory.CreateDirectory(Path.Combine(podLogs.FullName, $"default_{name}_{uid}")).FullName;
        return new SandboxSpec
        {
            Name = name,
            Namespace = "default",
            Uid = uid,
            Hostname = name,
            LogDirectory = logDirectory,
            Labels = new Dictionary<string, string>
            {
                [PodLabels.PodName] = name,
                [PodLabels.PodNamespace] = "default",
                [PodLabels.PodUid] = uid,
                [PodLabels.ManagedBy] = "true",
            },
        };
    }

    /// <summary>Creates and starts a busybox container the way the kubelet does, including its log folder.</summary>
    private async Task<string> StartContainerAsync(string sandboxId, SandboxSpec sandbox, string name, string script)
    {
        Directory.CreateDirectory(Path.Combine(sandbox.LogDirectory, name));
        var spec = new ContainerSpec
        {
            Name = name,
            Image = TestImages.Busybox,
            Command = ["sh", "-c", script],
            LogPath = $"{name}/0.log",
            Labels = new Dictionary<string, string>
            {
                [PodLabels.PodName] = sandbox.Name,
                [PodLabels.PodNamespace] = sandbox.Namespace,
                [PodLabels.PodUid] = sandbox.Uid,
                [PodLabels.ContainerName] = name,
                [PodLabels.ManagedBy] = "true",
            },
        };
        var containerId = await client.CreateContainerAsync(sandboxId, spec, sandbox, Cancel);
        await client.StartContainerAsync(containerId, Cancel);
        return containerId;
    }

    private async Task RemoveSandboxAsync(string sandboxId)
    {
        await client.StopPodSandboxAsync(sandboxId, Cancel);
        await client.RemovePodSandboxAsync(sandboxId, Cancel);
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new ShouldAssertException($"Waited 10s for {what}.");
            }

            await Task.Delay(100, Cancel);
        }
    }
}
