using System.CommandLine;
using System.Text.Json;
using EdgeNode.Agent.Configuration;
using EdgeNode.Agent.Status;
using EdgeNode.Core.Runtime;
using EdgeNode.Cri;

namespace EdgeNode.Agent.Cli;

/// <summary>
/// <c>edgenode pods</c>: the pods on this node, their containers, states, restarts and IPs — from the
/// running agent (which also knows waiting reasons and manifest problems), else from the runtime alone.
/// </summary>
internal static class PodsCommand
{
    public static Command Create()
    {
        var rootDir = new Option<string>("--root-dir") { Description = "The agent's --root-dir (its status socket lives there).", DefaultValueFactory = _ => new AgentSettings().RootDir };
        var endpoint = new Option<string>("--container-runtime-endpoint") { Description = "CRI endpoint, used when no agent is running.", DefaultValueFactory = _ => CriClientOptions.DefaultEndpoint };
        var output = new Option<string>("--output", "-o") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        output.AcceptOnlyFromAmong("table", "json");
        var command = new Command("pods", "Show the pods on this node, their containers, states, restarts and IPs.") { rootDir, endpoint, output };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = parseResult.InvocationConfiguration.Output;
            var socket = new AgentSettings { RootDir = parseResult.GetValue(rootDir)! }.StatusSocket;
            var pods = await StatusClient.GetPodsAsync(socket, TimeSpan.FromSeconds(5), cancellationToken);
            if (pods is null)
            {
                var runtimeEndpoint = parseResult.GetValue(endpoint)!;
                try
                {
                    using var runtime = new CriRuntimeClient(new CriClientOptions { Endpoint = runtimeEndpoint, RuntimeRequestTimeout = TimeSpan.FromSeconds(10) });
                    pods = await RuntimePodReader.ReadAsync(runtime, cancellationToken);
                }
                catch (Exception e) when (e is RuntimeException or ArgumentException)
                {
                    await parseResult.InvocationConfiguration.Error.WriteLineAsync($"No EdgeNode agent answers on {socket}, and the runtime cannot be read either: {e.Message}");
                    return 1;
                }
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"No EdgeNode agent answers on {socket}: showing what the runtime at {runtimeEndpoint} has (no waiting reasons or manifest problems).");
            }
            await console.WriteAsync(parseResult.GetValue(output) == "json"
                ? JsonSerializer.Serialize(pods, AgentJsonContext.Default.ListPodReport) + Environment.NewLine
                : PodTable.Format(pods));
            return 0;
        });
        return command;
    }
}
