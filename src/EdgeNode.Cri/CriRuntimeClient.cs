using EdgeNode.Core.Runtime;
using EdgeNode.Cri.Mapping;
using Grpc.Core;
using Grpc.Net.Client;

namespace EdgeNode.Cri;

/// <summary>
/// <see cref="ICriRuntime"/> over CRI v1 gRPC on a unix socket (containerd). Every call has a deadline;
/// failures surface as <see cref="RuntimeException"/>s with one sentence a user can act on.
/// </summary>
public sealed class CriRuntimeClient : ICriRuntime, IDisposable
{
    /// <summary>The CRI client version the kubelet announces in VersionRequest.</summary>
    private const string KubeletCriVersion = "0.1.0";

    private readonly CriClientOptions options;
    private readonly TimeProvider timeProvider;
    private readonly string socketPath;
    private readonly GrpcChannel channel;
    private readonly V1.RuntimeService.RuntimeServiceClient runtime;
    private readonly V1.ImageService.ImageServiceClient images;

    /// <summary>Used in error messages; the name the runtime reports once Version has answered.</summary>
    private volatile string runtimeName;

    public CriRuntimeClient(CriClientOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequirePositive(options.RuntimeRequestTimeout, nameof(CriClientOptions.RuntimeRequestTimeout));
        RequirePositive(options.ImagePullTimeout, nameof(CriClientOptions.ImagePullTimeout));
        this.options = options;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        socketPath = CriEndpoint.ToSocketPath(options.Endpoint);
        runtimeName = socketPath.Contains("containerd", StringComparison.Ordinal) ? "containerd" : "the container runtime";
        channel = UnixSocketChannel.Create(socketPath);
        runtime = new V1.RuntimeService.RuntimeServiceClient(channel);
        images = new V1.ImageService.ImageServiceClient(channel);
    }

    public string Endpoint => options.Endpoint;

    public async Task<RuntimeVersion> VersionAsync(CancellationToken cancellationToken)
    {
        var request = new V1.VersionRequest { Version = KubeletCriVersion };
        var response = await CallAsync(Call("Version"), o => runtime.VersionAsync(request, o), cancellationToken).ConfigureAwait(false);
        if (response.RuntimeName.Length > 0)
        {
            runtimeName = response.RuntimeName;
        }

        return RuntimeInfoMapper.ToVersion(response);
    }

    public async Task<RuntimeHealth> StatusAsync(CancellationToken cancellationToken)
    {
        var request = new V1.StatusRequest();
        var response = await CallAsync(Call("Status"), o => runtime.StatusAsync(request, o), cancellationToken).ConfigureAwait(false);
        return RuntimeInfoMapper.ToHealth(response);
    }

    public async Task<string> RunPodSandboxAsync(SandboxSpec spec, CancellationToken cancellationToken)
    {
        var request = new V1.RunPodSandboxRequest { Config = SandboxMapper.ToConfig(spec) };
        var call = Call("RunPodSandbox", $"for pod {spec.Namespace}/{spec.Name}");
        var response = await CallAsync(call, o => runtime.RunPodSandboxAsync(request, o), cancellationToken).ConfigureAwait(false);
        return response.PodSandboxId;
    }

    public Task StopPodSandboxAsync(string sandboxId, CancellationToken cancellationToken)
    {
        var request = new V1.StopPodSandboxRequest { PodSandboxId = sandboxId };
        return CallAllowingNotFoundAsync(Call("StopPodSandbox", sandboxId), o => runtime.StopPodSandboxAsync(request, o), cancellationToken);
    }

    public Task RemovePodSandboxAsync(string sandboxId, CancellationToken cancellationToken)
    {
        var request = new V1.RemovePodSandboxRequest { PodSandboxId = sandboxId };
        return CallAllowingNotFoundAsync(Call("RemovePodSandbox", sandboxId), o => runtime.RemovePodSandboxAsync(request, o), cancellationToken);
    }

    public async Task<SandboxStatusInfo?> PodSandboxStatusAsync(string sandboxId, CancellationToken cancellationToken)
    {
        var request = new V1.PodSandboxStatusRequest { PodSandboxId = sandboxId };
        var response = await CallAllowingNotFoundAsync(Call("PodSandboxStatus", sandboxId), o => runtime.PodSandboxStatusAsync(request, o), cancellationToken)
            .ConfigureAwait(false);
        return response?.Status is { } status ? SandboxMapper.ToStatusInfo(status) : null;
    }

    public async Task<IReadOnlyList<SandboxInfo>> ListPodSandboxesAsync(IReadOnlyDictionary<string, string>? labelSelector, CancellationToken cancellationToken)
    {
        var request = new V1.ListPodSandboxRequest { Filter = SandboxMapper.ToFilter(labelSelector) };
        var response = await CallAsync(Call("ListPodSandbox"), o => runtime.ListPodSandboxAsync(request, o), cancellationToken).ConfigureAwait(false);
        return [.. response.Items.Select(SandboxMapper.ToInfo)];
    }

    public async Task<string> CreateContainerAsync(string sandboxId, ContainerSpec spec, SandboxSpec sandbox, CancellationToken cancellationToken)
    {
        var request = new V1.CreateContainerRequest
        {
            PodSandboxId = sandboxId,
            Config = ContainerMapper.ToConfig(spec),
            SandboxConfig = SandboxMapper.ToConfig(sandbox),
        };
        var call = Call("CreateContainer", $"{spec.Name} of pod {sandbox.Namespace}/{sandbox.Name}");
        var response = await CallAsync(call, o => runtime.CreateContainerAsync(request, o), cancellationToken).ConfigureAwait(false);
        return response.ContainerId;
    }

    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        var request = new V1.StartContainerRequest { ContainerId = containerId };
        return CallAsync(Call("StartContainer", containerId), o => runtime.StartContainerAsync(request, o), cancellationToken);
    }

    public Task StopContainerAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new V1.StopContainerRequest { ContainerId = containerId, Timeout = ToWholeSeconds(timeout) };
        var call = new CriCall("StopContainer", containerId, options.RuntimeRequestTimeout + TimeSpan.FromSeconds(request.Timeout));
        return CallAllowingNotFoundAsync(call, o => runtime.StopContainerAsync(request, o), cancellationToken);
    }

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        var request = new V1.RemoveContainerRequest { ContainerId = containerId };
        return CallAllowingNotFoundAsync(Call("RemoveContainer", containerId), o => runtime.RemoveContainerAsync(request, o), cancellationToken);
    }

    public async Task<ExecResult> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new V1.ExecSyncRequest { ContainerId = containerId, Cmd = { command }, Timeout = ToWholeSeconds(timeout) };
        var call = new CriCall("ExecSync", containerId, options.RuntimeRequestTimeout + TimeSpan.FromSeconds(request.Timeout));
        var response = await CallAsync(call, o => runtime.ExecSyncAsync(request, o), cancellationToken).ConfigureAwait(false);
        return new ExecResult(response.ExitCode, response.Stdout.ToStringUtf8(), response.Stderr.ToStringUtf8());
    }

    public async Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(IReadOnlyDictionary<string, string>? labelSelector, CancellationToken cancellationToken)
    {
        var request = new V1.ListContainersRequest { Filter = ContainerMapper.ToFilter(labelSelector) };
        var response = await CallAsync(Call("ListContainers"), o => runtime.ListContainersAsync(request, o), cancellationToken).ConfigureAwait(false);
        return [.. response.Containers.Select(ContainerMapper.ToInfo)];
    }

    public async Task<ContainerStatusInfo?> ContainerStatusAsync(string containerId, CancellationToken cancellationToken)
    {
        var request = new V1.ContainerStatusRequest { ContainerId = containerId };
        var response = await CallAllowingNotFoundAsync(Call("ContainerStatus", containerId), o => runtime.ContainerStatusAsync(request, o), cancellationToken)
            .ConfigureAwait(false);
        return response?.Status is { } status ? ContainerMapper.ToStatusInfo(status) : null;
    }

    public async Task<ImageInfo?> ImageStatusAsync(string image, CancellationToken cancellationToken)
    {
        var request = new V1.ImageStatusRequest { Image = ImageMapper.ToSpec(image) };
        var response = await CallAllowingNotFoundAsync(Call("ImageStatus", image), o => images.ImageStatusAsync(request, o), cancellationToken)
            .ConfigureAwait(false);
        return response?.Image is { } found ? ImageMapper.ToInfo(found) : null;
    }

    public async Task<string> PullImageAsync(string image, SandboxSpec? sandbox, CancellationToken cancellationToken)
    {
        var request = new V1.PullImageRequest
        {
            Image = ImageMapper.ToSpec(image),
            SandboxConfig = sandbox is null ? null : SandboxMapper.ToConfig(sandbox),
        };
        var call = new CriCall("PullImage", image, options.ImagePullTimeout);
        var response = await CallAsync(call, o => images.PullImageAsync(request, o), cancellationToken).ConfigureAwait(false);
        return response.ImageRef;
    }

    public async Task<IReadOnlyList<ImageInfo>> ListImagesAsync(CancellationToken cancellationToken)
    {
        var request = new V1.ListImagesRequest();
        var response = await CallAsync(Call("ListImages"), o => images.ListImagesAsync(request, o), cancellationToken).ConfigureAwait(false);
        return [.. response.Images.Select(ImageMapper.ToInfo)];
    }

    /// <summary>Idempotent like the CRI contract asks: an image that is already gone is not an error.</summary>
    public Task RemoveImageAsync(string image, CancellationToken cancellationToken)
    {
        var request = new V1.RemoveImageRequest { Image = ImageMapper.ToSpec(image) };
        return CallAllowingNotFoundAsync(Call("RemoveImage", image), o => images.RemoveImageAsync(request, o), cancellationToken);
    }

    public void Dispose() => channel.Dispose();

    private CriCall Call(string method, string subject = "") => new(method, subject, options.RuntimeRequestTimeout);

    private async Task<TResponse> CallAsync<TResponse>(CriCall call, Func<CallOptions, AsyncUnaryCall<TResponse>> send, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow().UtcDateTime + call.Timeout;
        try
        {
            using var pending = send(new CallOptions(deadline: deadline, cancellationToken: cancellationToken));
            return await pending.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"{call} was cancelled.", error, cancellationToken);
        }
        catch (RpcException error)
        {
            var deadlinePassed = timeProvider.GetUtcNow().UtcDateTime >= deadline;
            throw CriErrorMapper.ToRuntimeException(error, call, runtimeName, socketPath, deadlinePassed);
        }
    }

    /// <summary>Null when the runtime answers NotFound: removals are idempotent and status of a vanished object is "none".</summary>
    private async Task<TResponse?> CallAllowingNotFoundAsync<TResponse>(CriCall call, Func<CallOptions, AsyncUnaryCall<TResponse>> send, CancellationToken cancellationToken)
        where TResponse : class
    {
        try
        {
            return await CallAsync(call, send, cancellationToken).ConfigureAwait(false);
        }
        catch (RuntimeException error) when (error.Kind == RuntimeErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>CRI timeouts are whole seconds; round up so a sub-second timeout never becomes 0 ("kill now" / "no timeout").</summary>
    private static long ToWholeSeconds(TimeSpan timeout) => timeout <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(timeout.TotalSeconds);

    private static void RequirePositive(TimeSpan timeout, string name)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{name} must be positive but is {timeout}: set it to a duration such as 2m.");
        }
    }
}
