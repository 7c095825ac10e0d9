using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Engine;

/// <summary>Turns the runtime's start errors (runc's wording) into one sentence a user can act on.</summary>
public static class StartErrors
{
    public static string Explain(string runtimeMessage, Container container, string field)
    {
        var command = container.Command is { Count: > 0 } c ? c[0] : container.Args is { Count: > 0 } a ? a[0] : null;
        if (runtimeMessage.Contains("executable file not found", StringComparison.Ordinal) ||
            runtimeMessage.Contains("no such file or directory", StringComparison.Ordinal) && runtimeMessage.Contains("exec", StringComparison.Ordinal))
        {
            var what = command is null ? "the image's entrypoint" : $"command \"{command}\"";
            return $"{what} was not found in image {container.Image}: fix {field}.command or use an image that has it ({runtimeMessage})";
        }
        if (runtimeMessage.Contains("permission denied", StringComparison.Ordinal))
        {
            return $"{field}.command cannot be executed (permission denied) in image {container.Image}: make it executable or run it through a shell ({runtimeMessage})";
        }
        return runtimeMessage;
    }
}
