using System.Globalization;
using EdgeNode.Cri;

namespace EdgeNode.Bench;

/// <summary>
/// The measurements, in order: binary sizes; the agent's memory idle; pods started one after another
/// (1 container each), with memory and CPU taken once <see cref="BenchOptions.RssPods"/> run; all removed;
/// the same with 2 containers per pod; finally where the start time went, from the agent's and containerd's logs.
/// </summary>
public sealed class Benchmark(BenchOptions options, TextWriter output)
{
    private readonly ManifestFolder manifests = new(options.ManifestDir);
    private readonly List<(string What, ProcessSample Sample)> memory = [];

    public async Task RunAsync()
    {
        var cri = new CriRuntimeClient(new CriClientOptions { Endpoint = options.Endpoint, RuntimeRequestTimeout = TimeSpan.FromSeconds(30) });
        using var runtime = new RuntimeObserver(cri, options.AgentPid, options.Poll);
        using var status = new AgentStatusClient(options.RootDir);
        var version = await cri.VersionAsync(CancellationToken.None);

        Line($"EdgeNode benchmarks, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line($"machine:    {MachineInfo.Describe()}");
        Line($"runtime:    {version.RuntimeName} {version.Version} at {options.Endpoint}");
        Line($"agent:      pid {options.AgentPid}: {MachineInfo.CommandLine(options.AgentPid)}");
        Line();
        PrintSizes();

        await WaitForAgentAsync(status);
        await Task.Delay(options.Idle);
        Sample($"idle, no pods, {options.Idle.TotalSeconds:F0} s after ready");

        Line($"== pod start, one pod after another ({options.Gap.TotalMilliseconds:F0} ms apart), pods accumulate; CRI polled every {options.Poll.TotalMilliseconds:F0} ms");
        ProcessSample? cpuStart = null, cpuEnd = null;
        var single = new List<PodStartup>();
        for (var i = 1; i <= options.Pods; i++)
        {
            single.Add(await StartPodAsync(runtime, status, $"bench-a-{i:D2}", 1));
            if (i == options.RssPods)
            {
                await Task.Delay(options.Settle);
                cpuStart = Sample($"{i} pods running, {options.Settle.TotalSeconds:F0} s after the last started");
                await Task.Delay(options.CpuWindow);
                cpuEnd = ProcessSample.Read(options.AgentPid);
            }
            await Task.Delay(options.Gap);
        }
        Sample($"{options.Pods} pods running");
        var removeSingle = await RemoveAllAsync(runtime);

        var dual = new List<PodStartup>();
        for (var i = 1; i <= options.Pods; i++)
        {
            dual.Add(await StartPodAsync(runtime, status, $"bench-b-{i:D2}", 2));
            await Task.Delay(options.Gap);
        }
        var removeDual = await RemoveAllAsync(runtime);
        Sample("end of the run, all pods removed");
        Line();

        PrintStartups(single, dual);
        PrintMemory(cpuStart, cpuEnd);
        Line($"removing {options.Pods} pods at once (grace period 1 s), until containerd lists none: {removeSingle.TotalSeconds:F1} s (1 container each), {removeDual.TotalSeconds:F1} s (2 containers each)");
        Line();
        PrintBreakdown(single, dual);
    }

    private async Task<PodStartup> StartPodAsync(RuntimeObserver runtime, AgentStatusClient status, string name, int containers)
    {
        var fullName = $"{name}-{options.NodeName}";
        var renamed = manifests.AddPod(name, containers);
        var running = await runtime.WaitRunningAsync(fullName, containers, CancellationToken.None);
        while (!await status.IsReadyAsync(fullName, CancellationToken.None))
        {
            if (Instant.Now().Since(running) > TimeSpan.FromSeconds(60))
            {
                throw new BenchException($"pod {fullName} runs but the agent has not reported it Ready within 60 s; see the agent's log.");
            }
            await Task.Delay(options.Poll);
        }
        var start = new PodStartup(fullName, containers, renamed, running, Instant.Now());
        Line($"{fullName,-24} {containers} container(s): running after {Distribution.Ms(start.ToRunning)}, Ready after {Distribution.Ms(start.ToReady)}");
        return start;
    }

    private async Task<TimeSpan> RemoveAllAsync(RuntimeObserver runtime)
    {
        var start = Instant.Now();
        manifests.RemoveAll();
        await runtime.WaitEmptyAsync(CancellationToken.None);
        var took = Instant.Now().Since(start);
        await Task.Delay(options.Gap);
        return took;
    }

    private async Task WaitForAgentAsync(AgentStatusClient status)
    {
        var start = Instant.Now();
        while (!await status.IsHealthyAsync(CancellationToken.None))
        {
            if (!ProcessSample.IsAlive(options.AgentPid) || Instant.Now().Since(start) > TimeSpan.FromSeconds(30))
            {
                throw new BenchException($"the agent (pid {options.AgentPid}) did not answer on {status.SocketPath} within 30 s; see its log.");
            }
            await Task.Delay(50);
        }
    }

    private ProcessSample Sample(string what)
    {
        var sample = ProcessSample.Read(options.AgentPid);
        memory.Add((what, sample));
        return sample;
    }

    private void PrintSizes()
    {
        Line("== AOT binary sizes");
        foreach (var (rid, path) in options.Binaries)
        {
            var size = File.Exists(path) ? new FileInfo(path).Length : -1;
            Line(size < 0 ? $"{rid,-12} missing: {path}" : Invariant($"{rid,-12} {size,12:N0} B  {size / 1048576.0,5:F1} MiB  {path}"));
        }
        Line();
    }

    private void PrintStartups(List<PodStartup> single, List<PodStartup> dual)
    {
        Line("== pod start latency: manifest renamed into the folder →");
        Line($"all containers RUNNING in containerd, 1 container/pod:  {Distribution.Of(single.Select(s => s.ToRunning))}");
        Line($"all containers RUNNING in containerd, 2 containers/pod: {Distribution.Of(dual.Select(s => s.ToRunning))}");
        Line($"pod Ready in the agent's status,     1 container/pod:  {Distribution.Of(single.Select(s => s.ToReady))}");
        Line($"pod Ready in the agent's status,     2 containers/pod: {Distribution.Of(dual.Select(s => s.ToReady))}");
        Line();
    }

    private void PrintMemory(ProcessSample? cpuStart, ProcessSample? cpuEnd)
    {
        Line($"== agent memory (/proc/{options.AgentPid}/status) and CPU (/proc/{options.AgentPid}/stat)");
        foreach (var (what, sample) in memory)
        {
            Line($"{what,-45} {sample}");
        }
        if (cpuStart is not null && cpuEnd is not null)
        {
            var used = cpuEnd.CpuTime - cpuStart.CpuTime;
            Line(Invariant($"CPU time (utime+stime) over {options.CpuWindow.TotalSeconds:F0} s with {options.RssPods} pods running: {used.TotalSeconds:F2} s = {100 * used / options.CpuWindow:F2} % of one core"));
        }
    }

    private void PrintBreakdown(List<PodStartup> single, List<PodStartup> dual)
    {
        if (options.AgentLog is null || options.ContainerdLog is null || !File.Exists(options.AgentLog) || !File.Exists(options.ContainerdLog))
        {
            Line("(no breakdown: pass --agent-log and --containerd-log)");
            return;
        }
        var added = AgentLog.ReadPodsAdded(options.AgentLog);
        var calls = ContainerdLog.ReadCalls(options.ContainerdLog);
        List<StartupBreakdown> Breakdowns(List<PodStartup> starts) => [.. starts
            .Select(s => StartupBreakdown.Of(s, added.TryGetValue(s.PodFullName, out var a) ? a : null, calls.GetValueOrDefault(s.PodFullName)))
            .OfType<StartupBreakdown>()];
        var a = Breakdowns(single);
        var b = Breakdowns(dual);

        Line($"== where the time to RUNNING goes, p50 and mean per pod (agent log + containerd log; pods with both: {a.Count} and {b.Count})");
        Line($"{"",-52} {"1 container/pod",-20} {"2 containers/pod",-20}");
        void Row(string what, Func<StartupBreakdown, TimeSpan> part) =>
            Line($"{what,-52} {Cell(a, part),-20} {Cell(b, part),-20}");
        Row("manifest seen: file watch, debounce, parse (agent)", x => x.ManifestSeen);
        Row("agent, until RunPodSandbox reaches containerd", x => x.AgentBeforeSandbox);
        Row("RunPodSandbox (containerd: pause, netns, CNI)", x => x.RunPodSandbox);
        Row("CreateContainer (containerd), all containers", x => x.CreateContainer);
        Row("StartContainer (containerd, runc), all containers", x => x.StartContainer);
        Row("agent, between those CRI calls", x => x.AgentBetweenCalls);
        Row($"seen RUNNING by the bench's poll (every {options.Poll.TotalMilliseconds:F0} ms)", x => x.Observed);
        Row("  CRI calls together (containerd)", x => x.Cri);
        Row("  agent together", x => x.ManifestSeen + x.AgentBeforeSandbox + x.AgentBetweenCalls);
        Row("  total to RUNNING", x => x.ManifestSeen + x.AgentBeforeSandbox + x.Cri + x.AgentBetweenCalls + x.Observed);
    }

    private static string Cell(List<StartupBreakdown> parts, Func<StartupBreakdown, TimeSpan> part)
    {
        if (parts.Count == 0)
        {
            return "-";
        }
        var mean = TimeSpan.FromTicks((long)parts.Average(p => part(p).Ticks));
        return $"{Distribution.Ms(Distribution.Of(parts.Select(part)).P50)} | {Distribution.Ms(mean)}";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private void Line(string text = "") => output.WriteLine(text);
}
