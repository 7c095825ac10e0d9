using System.CommandLine;
using EdgeNode.Agent.Configuration;
using EdgeNode.Agent.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeNode.Agent.Cli;

/// <summary><c>edgenode run</c>: the node agent. Flags use the kubelet's names and override the config file.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "YAML config file (a KubeletConfiguration; EdgeNode uses the fields it supports)." };
        var manifests = new Option<string?>("--pod-manifest-path") { Description = "Folder (or file) of static pod manifests (YAML or JSON); config: staticPodPath." };
        var endpoint = new Option<string?>("--container-runtime-endpoint") { Description = "CRI endpoint (default unix:///run/containerd/containerd.sock)." };
        var rootDir = new Option<string?>("--root-dir") { Description = "Directory for EdgeNode's state: volumes, status socket (default /var/lib/edgenode)." };
        var hostname = new Option<string?>("--hostname-override") { Description = "Node name to use instead of the machine's hostname." };
        var nodeIp = new Option<string?>("--node-ip") { Description = "The node's IP address (default: the address of the default-route interface)." };
        var podLogsDir = new Option<string?>("--pod-logs-dir") { Description = "Root of container log files (default /var/log/pods); config: podLogsDir." };
        var fileCheck = new Option<string?>("--file-check-frequency") { Description = "How often the manifest folder is rescanned besides file watching (default 20s)." };
        var requestTimeout = new Option<string?>("--runtime-request-timeout") { Description = "Deadline of every container-runtime call except pulls (default 2m)." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Join a cluster: the kubeconfig to reach the API server (node credentials)." };
        var registerNode = new Option<bool>("--register-node") { Description = "Register the node with the API server (default true; false for a Node created by hand).", DefaultValueFactory = _ => true };
        var nodeLabels = new Option<string?>("--node-labels") { Description = "Labels to add when registering: key=value,key2=value2." };
        var taints = new Option<string?>("--register-with-taints") { Description = "Taints to register the node with: key=value:Effect,…" };
        var loggingFormat = new Option<string>("--logging-format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        loggingFormat.AcceptOnlyFromAmong("text", "json");

        var command = new Command("run", "Run the node agent: start and keep the static pods running through containerd.")
        {
            config, manifests, endpoint, rootDir, hostname, nodeIp, podLogsDir, fileCheck, requestTimeout, kubeconfig, registerNode, nodeLabels, taints,
            loggingFormat,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var format = parseResult.GetValue(loggingFormat)!;
            using var loggerFactory = Logging.Create(format);
            var logger = loggerFactory.CreateLogger("EdgeNode.Agent");
            try
            {
                var settings = new AgentSettings { LoggingFormat = format };
                if (parseResult.GetValue(config) is { } configPath)
                {
                    (settings, var warnings) = ConfigurationLoader.Load(configPath, settings);
                    foreach (var warning in warnings)
                    {
                        Logging.ConfigurationWarning(logger, warning);
                    }
                }
                settings = settings with
                {
                    StaticPodPath = parseResult.GetValue(manifests) ?? settings.StaticPodPath,
                    ContainerRuntimeEndpoint = parseResult.GetValue(endpoint) ?? settings.ContainerRuntimeEndpoint,
                    RootDir = parseResult.GetValue(rootDir) ?? settings.RootDir,
                    HostnameOverride = parseResult.GetValue(hostname) ?? settings.HostnameOverride,
                    NodeIp = parseResult.GetValue(nodeIp) ?? settings.NodeIp,
                    PodLogsDir = parseResult.GetValue(podLogsDir) ?? settings.PodLogsDir,
                    FileCheckFrequency = ConfigurationLoader.Duration("--file-check-frequency", "value", parseResult.GetValue(fileCheck)) ?? settings.FileCheckFrequency,
                    RuntimeRequestTimeout = ConfigurationLoader.Duration("--runtime-request-timeout", "value", parseResult.GetValue(requestTimeout)) ?? settings.RuntimeRequestTimeout,
                    Kubeconfig = parseResult.GetValue(kubeconfig) ?? settings.Kubeconfig,
                    RegisterNode = parseResult.GetValue(registerNode),
                    NodeLabels = NodeFlags.ParseLabels(parseResult.GetValue(nodeLabels)),
                    RegisterWithTaints = NodeFlags.ParseTaints(parseResult.GetValue(taints)),
                };
                return await AgentHost.RunUntilSignalledAsync(settings, loggerFactory);
            }
            catch (Exception e) when (e is ConfigurationException or ArgumentException or EdgeNode.Kube.Config.KubeconfigException)
            {
                Logging.Fatal(logger, e.Message);
                return 2;
            }
        });
        return command;
    }
}
