using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Manifests;

/// <summary>Probes and lifecycle hooks: one action each, sane timings, ports that exist.</summary>
internal static class HandlerValidator
{
    private static readonly string[] Schemes = ["HTTP", "HTTPS"];

    /// <summary><paramref name="kind"/> is liveness, readiness or startup.</summary>
    public static void ValidateProbe(Probe? probe, string field, string kind, Container container, List<string> problems)
    {
        if (probe is null)
        {
            return;
        }
        var actions = (probe.Exec is null ? 0 : 1) + (probe.HttpGet is null ? 0 : 1) + (probe.TcpSocket is null ? 0 : 1);
        ExactlyOne(actions, field, "exec, httpGet or tcpSocket", problems);
        ValidateExec(probe.Exec, $"{field}.exec", problems);
        ValidateHttpGet(probe.HttpGet, $"{field}.httpGet", container, problems);
        if (probe.TcpSocket is { } tcp)
        {
            ValidatePort(tcp.Port, $"{field}.tcpSocket.port", container, problems);
        }
        Checks.AtLeast(problems, $"{field}.initialDelaySeconds", probe.InitialDelaySeconds, 0);
        Checks.AtLeast(problems, $"{field}.timeoutSeconds", probe.TimeoutSeconds, 1);
        Checks.AtLeast(problems, $"{field}.periodSeconds", probe.PeriodSeconds, 1);
        Checks.AtLeast(problems, $"{field}.successThreshold", probe.SuccessThreshold, 1);
        Checks.AtLeast(problems, $"{field}.failureThreshold", probe.FailureThreshold, 1);
        if (kind != "readiness" && probe.SuccessThreshold > 1)
        {
            problems.Add($"{field}.successThreshold {probe.SuccessThreshold} must be 1 for a {kind} probe: set it to 1 or remove it");
        }
        if (probe.TerminationGracePeriodSeconds is { } grace)
        {
            if (kind == "readiness")
            {
                problems.Add($"{field}.terminationGracePeriodSeconds is not allowed on a readiness probe: remove it");
            }
            else
            {
                Checks.AtLeast(problems, $"{field}.terminationGracePeriodSeconds", grace, 1);
            }
        }
    }

    public static void ValidateHandler(LifecycleHandler? handler, string field, Container container, PodSpec spec, List<string> problems)
    {
        if (handler is null)
        {
            return;
        }
        var actions = (handler.Exec is null ? 0 : 1) + (handler.HttpGet is null ? 0 : 1) + (handler.Sleep is null ? 0 : 1);
        ExactlyOne(actions, field, "exec, httpGet or sleep", problems);
        ValidateExec(handler.Exec, $"{field}.exec", problems);
        ValidateHttpGet(handler.HttpGet, $"{field}.httpGet", container, problems);
        if (handler.Sleep is { } sleep)
        {
            Checks.AtLeast(problems, $"{field}.sleep.seconds", sleep.Seconds, 0);
            if (sleep.Seconds > spec.TerminationGracePeriodSeconds)
            {
                problems.Add($"{field}.sleep.seconds {sleep.Seconds} is longer than spec.terminationGracePeriodSeconds ({spec.TerminationGracePeriodSeconds}): shorten the sleep or raise the grace period");
            }
        }
    }

    private static void ExactlyOne(int actions, string field, string choices, List<string> problems)
    {
        if (actions == 0)
        {
            problems.Add($"{field} has no action: add one of {choices}");
        }
        else if (actions > 1)
        {
            problems.Add($"{field} sets more than one of {choices}: keep only one");
        }
    }

    private static void ValidateExec(ExecAction? exec, string field, List<string> problems)
    {
        if (exec is not null && exec.Command is not { Count: > 0 })
        {
            problems.Add($"{field}.command is empty: give the command to run, e.g. [\"cat\", \"/tmp/healthy\"]");
        }
    }

    private static void ValidateHttpGet(HttpGetAction? httpGet, string field, Container container, List<string> problems)
    {
        if (httpGet is null)
        {
            return;
        }
        ValidatePort(httpGet.Port, $"{field}.port", container, problems);
        Checks.OneOf(problems, $"{field}.scheme", httpGet.Scheme, Schemes);
    }

    private static void ValidatePort(IntOrString? port, string field, Container container, List<string> problems)
    {
        switch (port)
        {
            case null or { Number: null, Name: null or "" }:
                problems.Add($"{field} is missing: set a port number or the name of a container port");
                break;
            case { Number: { } number } when number is < 1 or > 65535:
                problems.Add($"{field} {number} is out of range: use a port from 1 to 65535");
                break;
            case { Name: { } name } when !(container.Ports ?? []).Any(p => p.Name == name):
                problems.Add($"{field} \"{name}\" is not the name of a port of this container: add it to the container's ports or use a number");
                break;
        }
    }
}
