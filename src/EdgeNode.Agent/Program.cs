using System.CommandLine;
using EdgeNode.Agent.Cli;

namespace EdgeNode.Agent;

/// <summary>The entry point: a thin root command; every subcommand lives in its own class under Cli/.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => CreateRootCommand().Parse(args).InvokeAsync();

    /// <summary>Builds the command tree (also used by tests to parse and invoke without a process).</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("EdgeNode: a kubelet-like node agent for small ARM64 boards.");
        root.Add(RunCommand.Create());
        root.Add(PodsCommand.Create());
        root.Add(VersionCommand.Create());
        return root;
    }
}
