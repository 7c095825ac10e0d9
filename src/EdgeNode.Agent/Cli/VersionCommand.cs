using System.CommandLine;

namespace EdgeNode.Agent.Cli;

/// <summary><c>edgenode version</c>: prints one line with the version, commit, platform and Kubernetes compatibility.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the version, commit, platform and the Kubernetes version EdgeNode is compatible with.");
        command.SetAction(static parseResult =>
        {
            parseResult.InvocationConfiguration.Output.WriteLine(BuildInfo.Describe());
            return 0;
        });
        return command;
    }
}
