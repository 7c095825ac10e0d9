using System.Net.Sockets;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Probes;

/// <summary>Runs exec (through the runtime), httpGet and tcpSocket probes and hooks with the kubelet's semantics.</summary>
public sealed class Prober(IContainerRuntime runtime, HttpClient http, TimeProvider time, string userAgent) : IProber
{
    private const int MaxBodyBytes = 10 * 1024;

    public Task<ProbeOutcome> ProbeAsync(Probe probe, ProbeTarget target, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(probe.TimeoutSeconds ?? 1);
        if (probe.Exec is { } exec)
        {
            return ExecAsync(exec, target, timeout, cancellationToken);
        }
        if (probe.HttpGet is { } get)
        {
            return HttpGetAsync(get, target, timeout, cancellationToken);
        }
        if (probe.TcpSocket is { } tcp)
        {
            return TcpAsync(tcp, target, timeout, cancellationToken);
        }
        return Task.FromResult(new ProbeOutcome(false, "probe has no handler"));
    }

    public async Task<ProbeOutcome> RunHookAsync(LifecycleHandler handler, ProbeTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (handler.Exec is { } exec)
        {
            return await ExecAsync(exec, target, timeout, cancellationToken);
        }
        if (handler.HttpGet is { } get)
        {
            return await HttpGetAsync(get, target, timeout, cancellationToken);
        }
        if (handler.Sleep is { } sleep)
        {
            var duration = TimeSpan.FromSeconds(sleep.Seconds);
            await Task.Delay(duration < timeout ? duration : timeout, time, cancellationToken);
            return new ProbeOutcome(true, "");
        }
        return new ProbeOutcome(false, "hook has no handler");
    }

    private async Task<ProbeOutcome> ExecAsync(ExecAction exec, ProbeTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var result = await runtime.ExecSyncAsync(target.ContainerId, exec.Command ?? [], timeout, cancellationToken);
            var output = (result.Stdout + result.Stderr).Trim();
            return new ProbeOutcome(result.ExitCode == 0, result.ExitCode == 0 ? output : $"command exited with code {result.ExitCode}{(output.Length > 0 ? ": " + output : "")}");
        }
        catch (RuntimeException e)
        {
            return new ProbeOutcome(false, e.Message);
        }
    }

    private async Task<ProbeOutcome> HttpGetAsync(HttpGetAction get, ProbeTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var port = ResolvePort(get.Port, target);
        var host = string.IsNullOrEmpty(get.Host) ? target.PodIp : get.Host;
        var scheme = (get.Scheme ?? "HTTP").ToLowerInvariant();
        var path = get.Path ?? "/";
        var url = $"{scheme}://{FormatHost(host)}:{port}{(path.StartsWith('/') ? path : "/" + path)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Headers.TryAddWithoutValidation("Accept", "*/*");
        foreach (var header in get.HttpHeaders ?? [])
        {
            request.Headers.Remove(header.Name!);
            request.Headers.TryAddWithoutValidation(header.Name!, header.Value);
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            var body = await ReadCappedAsync(response, cts.Token);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 400
                ? new ProbeOutcome(true, body)
                : new ProbeOutcome(false, $"HTTP probe failed with statuscode: {code}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeOutcome(false, $"Get \"{url}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        }
        catch (HttpRequestException e)
        {
            return new ProbeOutcome(false, $"Get \"{url}\": {e.InnerException?.Message ?? e.Message}");
        }
    }

    private static async Task<ProbeOutcome> TcpAsync(TcpSocketAction tcp, ProbeTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var port = ResolvePort(tcp.Port, target);
        var host = string.IsNullOrEmpty(tcp.Host) ? target.PodIp : tcp.Host;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cts.Token);
            return new ProbeOutcome(true, "");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeOutcome(false, $"dial tcp {FormatHost(host)}:{port}: i/o timeout");
        }
        catch (SocketException e)
        {
            return new ProbeOutcome(false, $"dial tcp {FormatHost(host)}:{port}: connect: {e.Message.ToLowerInvariant()}");
        }
    }

    /// <summary>A numeric port, or the number of the container port with that name (validated earlier).</summary>
    public static int ResolvePort(IntOrString? port, ProbeTarget target)
    {
        if (port?.Number is { } n)
        {
            return n;
        }
        var named = target.Ports.FirstOrDefault(p => p.Name == port?.Name);
        return named?.Number ?? (int.TryParse(port?.Name, out var parsed) ? parsed : 0);
    }

    private static string FormatHost(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

    private static async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxBodyBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }
        return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
    }
}
