using System.Runtime.InteropServices;
using EdgeNode.Agent.Cli;
using EdgeNode.Agent.Configuration;
using EdgeNode.Agent.Status;
using EdgeNode.Core.Engine;
using EdgeNode.Core.Leases;
using EdgeNode.Core.Nodes;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Probes;
using EdgeNode.Core.Runtime;
using EdgeNode.Core.Sources;
using EdgeNode.Cri;
using EdgeNode.Hardware.Cgroups;
using EdgeNode.Hardware.FileSystem;
using EdgeNode.Hardware.Machine;
using EdgeNode.Hardware.Network;
using EdgeNode.Hardware.Pressure;
using EdgeNode.Kube.Adapters;
using EdgeNode.Kube.Api;
using EdgeNode.Kube.Config;
using Microsoft.Extensions.Logging;

namespace EdgeNode.Agent.Hosting;

/// <summary>
/// The composition root of `edgenode run`: wires the pod sources, the pod engine and the container
/// runtime, serves the status socket, and runs until SIGTERM/SIGINT. Stopping the agent never stops
/// pods: they keep running in containerd and are adopted by the next agent.
/// </summary>
internal sealed partial class AgentHost(AgentSettings settings, ILoggerFactory loggerFactory)
{
    private static readonly TimeSpan RuntimeRetry = TimeSpan.FromSeconds(2);

    // How long a starting agent waits for the API server before it runs the cached API pods.
    private static readonly TimeSpan ApiStartupWait = TimeSpan.FromSeconds(3);

    // The kubelet identifies its probes as kube-probe/<major>.<minor>.
    private static readonly string ProbeUserAgent = "kube-probe/" + string.Join('.', BuildInfo.KubernetesVersion.TrimStart('v').Split('.').Take(2));
    private readonly ILogger _logger = loggerFactory.CreateLogger("EdgeNode.Agent");

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var nodeName = NodeName.Resolve(settings.HostnameOverride);
        var nodeIp = settings.NodeIp ?? EdgeNode.Hardware.Network.NodeAddress.Detect();
        using var runtime = new CriRuntimeClient(new CriClientOptions
        {
            Endpoint = settings.ContainerRuntimeEndpoint,
            RuntimeRequestTimeout = settings.RuntimeRequestTimeout,
            ImagePullTimeout = settings.ImagePullTimeout,
        }, time);
        LogStarting(_logger, BuildInfo.Describe(), nodeName, nodeIp, settings.StaticPodPath ?? "(none)");

        var version = await WaitForRuntimeAsync(runtime, time, cancellationToken);
        if (version is null)
        {
            return 0;
        }
        LogRuntime(_logger, version.RuntimeName, version.Version, runtime.Endpoint);

        var options = new PodEngineOptions
        {
            NodeName = nodeName,
            NodeIp = nodeIp,
            RootDirectory = settings.RootDir,
            PodLogsDirectory = settings.PodLogsDir,
            ResolvConf = settings.ResolvConf,
            ClusterDns = settings.ClusterDns,
            ClusterDomain = settings.ClusterDomain,
            NodeMemoryCapacityBytes = MemInfo.ReadBytes("MemTotal") ?? 0,
            SyncFrequency = settings.SyncFrequency,
        };
        Directory.CreateDirectory(settings.RootDir);
        using var kube = settings.Kubeconfig is { } kubeconfigPath
            ? new KubeApiClient(KubeconfigLoader.Load(kubeconfigPath), null, time)
            : null;
        await using var apiEvents = kube is null ? null : new KubeEventRecorder(kube, nodeName, time, loggerFactory.CreateLogger("EdgeNode.Events"));
        var events = new CompositeEventRecorder(new LoggingEventRecorder(loggerFactory.CreateLogger("EdgeNode.Events")), apiEvents);
        var podApi = kube is null ? null : new KubePodApi(kube, time, loggerFactory.CreateLogger("EdgeNode.Watch"));
        var statusWriter = podApi is null ? null : new ApiPodStatusWriter(podApi, time, loggerFactory.CreateLogger("EdgeNode.PodStatus"));
        var cgroups = new CgroupfsPodCgroups();
        var volumes = new PodVolumes(settings.RootDir, new LinuxHostFileSystem(), kube is null ? null : new KubeVolumeContentApi(kube));
        var sandboxes = new SandboxSpecFactory(options, cgroups);
        using var probeHttp = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true }, // the kubelet does not verify probe certificates
        });
        var prober = new Prober(runtime, probeHttp, time, ProbeUserAgent);
        var store = new PodStatusStore();
        var context = new PodWorkerContext(
            options, runtime, new PodRuntimeStateReader(runtime), sandboxes, new ContainerSpecFactory(options),
            new ImageManager(runtime, new Backoff(options.ContainerBackoffInitial, options.ContainerBackoffMax, options.BackoffReset, time), events),
            volumes, new PodKiller(runtime, prober, volumes, cgroups, sandboxes, events, time), prober,
            new Backoff(options.ContainerBackoffInitial, options.ContainerBackoffMax, options.BackoffReset, time),
            events, statusWriter is null ? store : new CompositeStatusSink(store, statusWriter), time, loggerFactory.CreateLogger("EdgeNode.Pods"),
            version.RuntimeName);

        List<string> sourceNames = [];
        if (settings.StaticPodPath is not null)
        {
            sourceNames.Add(PodSourceNames.File);
        }
        if (kube is not null)
        {
            sourceNames.Add(PodSourceNames.Api);
        }
        Func<DesiredPod, CancellationToken, Task>? onDeleted = podApi is null ? null : async (pod, ct) =>
        {
            await statusWriter!.FlushAsync(pod.Uid, ct);
            await podApi.DeletePodAsync(pod.Namespace, pod.Name, pod.Uid, ct);
        };
        await using var manager = new PodManager(context, store, sourceNames, onDeleted);
        var relister = new Relister(runtime, manager, time, options.RelistPeriod, loggerFactory.CreateLogger("EdgeNode.Relister"));
        await using var statusServer = new StatusServer(settings.StatusSocket, store, loggerFactory.CreateLogger("EdgeNode.Status"));
        statusServer.Start();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = new List<Task> { relister.RunAsync(stop.Token) };
        if (settings.StaticPodPath is { } staticPodPath)
        {
            var source = new ManifestFolderSource(
                new ManifestFolderOptions { Path = Path.GetFullPath(staticPodPath), NodeName = nodeName, CheckFrequency = settings.FileCheckFrequency },
                time, loggerFactory.CreateLogger<ManifestFolderSource>());
            tasks.Add(source.RunAsync(manager.ApplyAsync, stop.Token));
        }
        if (kube is not null)
        {
            var nodeApi = new KubeNodeApi(kube);
            var reporter = new NodeStatusReporter(
                new NodeAgentOptions
                {
                    NodeName = nodeName,
                    RegisterNode = settings.RegisterNode,
                    NodeLabels = settings.NodeLabels,
                    RegisterWithTaints = settings.RegisterWithTaints,
                },
                nodeApi,
                new NodeStatusInputs(nodeName, nodeIp, new LinuxMachineInfoSource(settings.RootDir), runtime, new BasicPressureSource(settings.RootDir), time, () => []),
                events, time, loggerFactory.CreateLogger("EdgeNode.Node"));
            var lease = new LeaseRenewer(nodeName, 40, new KubeLeaseApi(kube), nodeApi, time, loggerFactory.CreateLogger("EdgeNode.Lease"));
            var apiPods = new ApiPodSource(nodeName, podApi!, new PodCacheStore(settings.PodCachePath), ApiStartupWait, time, loggerFactory.CreateLogger("EdgeNode.ApiPods"));
            tasks.Add(reporter.RunAsync(stop.Token));
            tasks.Add(lease.RunAsync(stop.Token));
            tasks.Add(statusWriter!.RunAsync(stop.Token));
            tasks.Add(apiPods.RunAsync(manager.ApplyAsync, () =>
            {
                reporter.RequestUpdate();
                statusWriter.ResyncAll();
            }, stop.Token));
            LogCluster(_logger, kube.Server.ToString(), nodeName);
        }
        SystemdNotifier.Notify("READY=1");
        LogReady(_logger, settings.StatusSocket);

        try
        {
            await Task.WhenAny(tasks.Append(Task.Delay(Timeout.Infinite, stop.Token)));
            await stop.CancelAsync();
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        SystemdNotifier.Notify("STOPPING=1");
        LogStopping(_logger);
        return 0;
    }

    /// <summary>Waits for the runtime like the kubelet (which gives up after 30 s); an edge node keeps waiting and says why.</summary>
    private async Task<RuntimeVersion?> WaitForRuntimeAsync(ICriRuntime runtime, TimeProvider time, CancellationToken cancellationToken)
    {
        string? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                return await runtime.VersionAsync(cancellationToken);
            }
            catch (RuntimeException e)
            {
                if (e.Message != last)
                {
                    last = e.Message;
                    LogRuntimeUnavailable(_logger, e.Message);
                }
            }
            try
            {
                await Task.Delay(RuntimeRetry, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return null;
    }

    /// <summary>Runs the agent until SIGTERM or SIGINT.</summary>
    public static async Task<int> RunUntilSignalledAsync(AgentSettings settings, ILoggerFactory loggerFactory)
    {
        using var cts = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            cts.Cancel();
        }
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        return await new AgentHost(settings, loggerFactory).RunAsync(cts.Token);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {Version} as node {Node} ({NodeIp}), static pods from {StaticPodPath}")]
    private static partial void LogStarting(ILogger logger, string version, string node, string nodeIp, string staticPodPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Container runtime {Name} {Version} at {Endpoint}")]
    private static partial void LogRuntime(ILogger logger, string name, string version, string endpoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Error} (retrying every 2s)")]
    private static partial void LogRuntimeUnavailable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster mode: API server {Server}, node {Node}")]
    private static partial void LogCluster(ILogger logger, string server, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready; status on {Socket}")]
    private static partial void LogReady(ILogger logger, string socket);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping the agent; pods keep running")]
    private static partial void LogStopping(ILogger logger);
}
