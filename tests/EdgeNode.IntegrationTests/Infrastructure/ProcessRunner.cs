using System.Diagnostics;

namespace EdgeNode.IntegrationTests.Infrastructure;

/// <summary>Runs a helper program (scripts, ctr) to completion and fails with its output when it fails.</summary>
internal static class ProcessRunner
{
    public static async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var commandLine = $"{fileName} {string.Join(' ', arguments)}";
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {commandLine}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var timer = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(timer.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{commandLine} did not finish within {timeout}.");
            }
        }

        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{commandLine} exited with {process.ExitCode}: {errors}{output}");
        }

        return output;
    }
}
