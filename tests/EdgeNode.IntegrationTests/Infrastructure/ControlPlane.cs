namespace EdgeNode.IntegrationTests.Infrastructure;

/// <summary>
/// A real Kubernetes control plane (etcd, kube-apiserver, controller-manager, scheduler) on loopback,
/// started with scripts/control-plane in its own directory and stopped by PID.
/// </summary>
public sealed class ControlPlane : IAsyncLifetime
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(15);

    public ControlPlane(string nodeName, string nodeMonitorGracePeriod = "40s")
    {
        NodeName = nodeName;
        NodeMonitorGracePeriod = nodeMonitorGracePeriod;
    }

    public string NodeName { get; }
    public string NodeMonitorGracePeriod { get; }
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("edgenode-control-plane-").FullName;
    public string AdminKubeconfig => Path.Combine(Directory, "admin.kubeconfig");
    public string NodeKubeconfig => Path.Combine(Directory, $"node-{NodeName}.kubeconfig");

    public async ValueTask InitializeAsync() =>
        await ProcessRunner.RunAsync(RepoPaths.Script("control-plane"),
            ["start", Directory, "--node", NodeName, "--node-monitor-grace-period", NodeMonitorGracePeriod], ScriptTimeout);

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.RunAsync(RepoPaths.Script("control-plane"), ["stop", Directory], TimeSpan.FromMinutes(1));
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    public Task StopApiServerAsync() =>
        ProcessRunner.RunAsync(RepoPaths.Script("control-plane"), ["stop-apiserver", Directory, "--kill"], TimeSpan.FromMinutes(1));

    public Task StartApiServerAsync() =>
        ProcessRunner.RunAsync(RepoPaths.Script("control-plane"), ["start-apiserver", Directory], TimeSpan.FromMinutes(2));

    /// <summary>Runs kubectl as the cluster admin and returns its standard output.</summary>
    public Task<string> KubectlAsync(params string[] arguments) => KubectlAsAsync(AdminKubeconfig, arguments);

    public Task<string> KubectlAsAsync(string kubeconfig, params string[] arguments) =>
        ProcessRunner.RunAsync("kubectl", ["--kubeconfig", kubeconfig, .. arguments], TimeSpan.FromMinutes(1));
}
