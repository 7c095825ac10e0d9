using System.Globalization;
using System.Text;
using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;

namespace EdgeNode.Agent.Cli;

/// <summary>The `edgenode pods` table: one line per pod (kubectl-style STATUS), one per container, one per problem.</summary>
internal static class PodTable
{
    public static string Format(IReadOnlyList<PodReport> pods)
    {
        var rows = new List<string[]> { new[] { "NAMESPACE", "NAME", "STATUS", "READY", "RESTARTS", "IP", "SOURCE" } };
        var details = new Dictionary<int, List<string>>();
        foreach (var pod in pods)
        {
            var status = pod.Status;
            var containers = status?.ContainerStatuses ?? [];
            rows.Add(
            [
                pod.Namespace.Length == 0 ? "-" : pod.Namespace,
                pod.Name.Length == 0 ? "-" : pod.Name,
                DisplayStatus(pod),
                status is null ? "-" : $"{containers.Count(c => c.Ready)}/{containers.Count}",
                status is null ? "-" : (containers.Concat(status.InitContainerStatuses ?? []).Sum(c => c.RestartCount)).ToString(CultureInfo.InvariantCulture),
                status?.PodIP ?? "-",
                pod.ManifestPath ?? pod.Source,
            ]);
            var lines = new List<string>();
            foreach (var c in status?.InitContainerStatuses ?? [])
            {
                lines.Add(ContainerLine("init:" + c.Name, c));
            }
            foreach (var c in containers)
            {
                lines.Add(ContainerLine(c.Name, c));
            }
            if (pod.Problem is not null)
            {
                lines.Add("  ! " + pod.Problem);
            }
            details[rows.Count - 1] = lines;
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var output = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            output.AppendLine(string.Join("  ", rows[r].Select((cell, i) => i == rows[r].Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
            foreach (var line in details.GetValueOrDefault(r) ?? [])
            {
                output.AppendLine(line);
            }
        }
        return output.ToString();
    }

    /// <summary>kubectl's STATUS column: the most telling container reason, else the phase.</summary>
    public static string DisplayStatus(PodReport pod)
    {
        if (pod.Status is not { } status)
        {
            return pod.Problem is null ? "Unknown" : "InvalidManifest";
        }
        var reason = status.Reason ?? status.Phase ?? "Unknown";
        var inits = status.InitContainerStatuses ?? [];
        for (var i = 0; i < inits.Count; i++)
        {
            var s = inits[i];
            if (s.State.Terminated is { ExitCode: 0 })
            {
                continue;
            }
            if (s.State.Terminated is { } t)
            {
                return "Init:" + (t.Reason ?? $"ExitCode:{t.ExitCode}");
            }
            if (s.State.Waiting is { Reason: { } w } && w != "PodInitializing")
            {
                return "Init:" + w;
            }
            return $"Init:{i}/{inits.Count}";
        }
        var hasRunning = false;
        foreach (var s in (status.ContainerStatuses ?? []).AsEnumerable().Reverse())
        {
            if (s.State.Waiting is { Reason: { } w })
            {
                reason = w;
            }
            else if (s.State.Terminated is { } t)
            {
                reason = t.Reason ?? $"ExitCode:{t.ExitCode}";
            }
            else if (s.State.Running is not null && s.Ready)
            {
                hasRunning = true;
            }
        }
        return reason == "Completed" && hasRunning ? "Running" : reason;
    }

    private static string ContainerLine(string name, ContainerStatus c)
    {
        var (state, detail) = c.State switch
        {
            { Running: { } } => ("Running", c.Ready ? "ready" : (c.Started == false ? "not started" : "not ready")),
            { Terminated: { } t } => (t.Reason ?? "Terminated", $"exit code {t.ExitCode}" + (t.Message is { Length: > 0 } m ? ": " + m : "")),
            { Waiting: { } w } => (w.Reason ?? "Waiting", w.Message ?? LastTermination(c)),
            _ => ("Unknown", ""),
        };
        if (c.State.Waiting is not null && c.LastState?.Terminated is { } last && !string.IsNullOrEmpty(last.Message) && detail != last.Message)
        {
            detail += $" (last exit {last.ExitCode}: {last.Message})";
        }
        return $"  {name,-20} {state,-18} restarts={c.RestartCount,-3} {detail}".TrimEnd();
    }

    private static string LastTermination(ContainerStatus c) =>
        c.LastState?.Terminated is { } t ? $"last exit code {t.ExitCode} ({t.Reason})" : "";
}
