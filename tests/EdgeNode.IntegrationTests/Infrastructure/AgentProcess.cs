using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EdgeNode.IntegrationTests.Infrastructure;

/// <summary>
/// The real `edgenode run` as a child process (the build output of EdgeNode.Agent run with `dotnet`),
/// its output appended to a log file. Stopped by PID: SIGTERM for a graceful stop, SIGKILL for kill -9.
/// </summary>
public sealed partial class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _pump;

    private AgentProcess(Process process, string logFile)
    {
        _process = process;
        LogFile = logFile;
        _pump = PumpAsync(process, logFile);
    }

    public string LogFile { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    public static AgentProcess Start(string logFile, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgenode.dll"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start edgenode");
        return new AgentProcess(process, logFile);
    }

    public string Log() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    /// <summary>SIGTERM and wait: the agent stops, pods keep running.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(timeout.Token);
        }
        await _pump;
    }

    /// <summary>kill -9: no chance to clean up.</summary>
    public async Task KillHardAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        await _pump;
    }

    public async ValueTask DisposeAsync()
    {
        await KillHardAsync();
        _process.Dispose();
    }

    private static async Task PumpAsync(Process process, string logFile)
    {
        await using var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var gate = new SemaphoreSlim(1, 1);
        async Task CopyAsync(StreamReader reader)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                await gate.WaitAsync();
                try
                {
                    await log.WriteLineAsync(line);
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        await Task.WhenAll(CopyAsync(process.StandardOutput), CopyAsync(process.StandardError));
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
