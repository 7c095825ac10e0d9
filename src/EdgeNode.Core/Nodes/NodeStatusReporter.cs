using System.Threading.Channels;
using EdgeNode.Core.Api;
using EdgeNode.Core.Pods;
using Microsoft.Extensions.Logging;

namespace EdgeNode.Core.Nodes;

/// <summary>
/// Registers the Node (kubelet §1.2–1.4), then owns its status: computes it every
/// nodeStatusUpdateFrequency and patches it only when it changed or nodeStatusReportFrequency passed,
/// with a fast first update so a fresh node turns Ready as soon as it is ready. The one writer of the
/// Node's status.
/// </summary>
public sealed partial class NodeStatusReporter(
    NodeAgentOptions options, INodeApi api, INodeStatusInputs inputs, INodeEventRecorder events, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan RegistrationBackoffMax = TimeSpan.FromSeconds(7);
    private static readonly TimeSpan FastUpdateInterval = TimeSpan.FromMilliseconds(200);
    private readonly Channel<bool> _kick = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private Node? _node;
    private string? _lastFingerprint;
    private DateTimeOffset _lastReport;

    /// <summary>True once a status with Ready=True was written.</summary>
    public bool ReadyPosted { get; private set; }

    /// <summary>Asks for a status update now (API server back, node shutting down …); forces a write.</summary>
    public void RequestUpdate()
    {
        _lastFingerprint = null;
        _kick.Writer.TryWrite(true);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await RegisterAsync(cancellationToken);
        var fastUntil = time.GetUtcNow() + options.NodeReadyGracePeriod;
        while (!ReadyPosted && time.GetUtcNow() < fastUntil)
        {
            await SyncAsync(cancellationToken);
            if (!ReadyPosted)
            {
                await Task.Delay(FastUpdateInterval, time, cancellationToken);
            }
        }
        if (!ReadyPosted)
        {
            LogNotReadyInTime(logger, options.NodeName);
        }
        using var timer = time.CreateTimer(_ => _kick.Writer.TryWrite(true), null, options.NodeStatusUpdateFrequency, options.NodeStatusUpdateFrequency);
        while (true)
        {
            await _kick.Reader.ReadAsync(cancellationToken);
            await SyncAsync(cancellationToken);
        }
    }

    /// <summary>One status sync with the kubelet's retries; failures are logged, never thrown.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < options.NodeStatusUpdateRetry; attempt++)
        {
            try
            {
                await TryUpdateAsync(cancellationToken);
                return;
            }
            catch (ApiException e)
            {
                if (attempt > 0)
                {
                    api.DropConnections();
                }
                LogUpdateFailed(logger, options.NodeName, attempt + 1, e.Message);
            }
        }
        LogRetriesExceeded(logger);
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                if (!options.RegisterNode)
                {
                    _node = await api.GetNodeAsync(options.NodeName, cancellationToken)
                        ?? throw new ApiException(ApiErrorKind.NotFound, $"node {options.NodeName} does not exist and --register-node=false: create the Node or let EdgeNode register it");
                    return;
                }
                var context = await inputs.GatherAsync([], cancellationToken);
                var initial = InitialNode(context);
                try
                {
                    _node = await api.CreateNodeAsync(initial, cancellationToken);
                    _lastFingerprint = NodeStatusPatch.Fingerprint(_node.Status);
                    _lastReport = time.GetUtcNow();
                    ReadyPosted = IsReady(_node.Status);
                    Record(context);
                    LogRegistered(logger, options.NodeName);
                }
                catch (ApiException e) when (e.Kind == ApiErrorKind.AlreadyExists)
                {
                    // Reconciled by the first status update: default labels and the whole status.
                    _node = await api.GetNodeAsync(options.NodeName, cancellationToken)
                        ?? throw new ApiException(ApiErrorKind.NotFound, $"node {options.NodeName} vanished during registration");
                    LogAlreadyRegistered(logger, options.NodeName);
                }
                return;
            }
            catch (ApiException e)
            {
                LogRegistrationFailed(logger, options.NodeName, e.Message);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, RegistrationBackoffMax.Ticks));
            }
        }
    }

    private async Task TryUpdateAsync(CancellationToken cancellationToken)
    {
        // Read the Node every time (cheap): someone else may have changed it — above all the node lifecycle
        // controller, which sets the conditions to Unknown when heartbeats stop.
        var node = await api.GetNodeAsync(options.NodeName, cancellationToken);
        if (node is null)
        {
            throw new ApiException(ApiErrorKind.NotFound, $"node {options.NodeName} does not exist on the API server");
        }
        var context = await inputs.GatherAsync(node.Status.Conditions ?? [], cancellationToken);
        var status = NodeStatusSetters.Compute(context);
        var labelFixes = LabelFixes(node, context);
        var fingerprint = NodeStatusPatch.Fingerprint(status);
        var now = time.GetUtcNow();
        var serverDiffers = status.Conditions!.Any(c => node.Status.Conditions?.FirstOrDefault(s => s.Type == c.Type)?.Status != c.Status);
        if (fingerprint == _lastFingerprint && !serverDiffers && labelFixes.Count == 0 && now - _lastReport < options.NodeStatusReportFrequency)
        {
            return;
        }
        var previousBootId = node.Status.NodeInfo?.BootID;
        _node = await api.PatchNodeStatusAsync(options.NodeName, NodeStatusPatch.Create(status, labelFixes), cancellationToken);
        _lastFingerprint = fingerprint;
        _lastReport = now;
        ReadyPosted = IsReady(status);
        if (!string.IsNullOrEmpty(previousBootId) && previousBootId != context.Machine.BootId)
        {
            events.Record(new NodeEvent(true, "Rebooted", $"Node {options.NodeName} has been rebooted, boot id: {context.Machine.BootId}"));
        }
        Record(context);
    }

    private Node InitialNode(NodeStatusContext context)
    {
        var labels = NodeLabels.Defaults(context.Hostname, context.Machine);
        foreach (var (key, value) in options.NodeLabels)
        {
            labels[key] = value; // --node-labels come after the defaults and may override them
        }
        return new Node
        {
            Metadata = new ObjectMeta
            {
                Name = options.NodeName,
                Labels = labels,
                Annotations = new Dictionary<string, string> { ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true" },
            },
            Spec = new NodeSpec { Taints = options.RegisterWithTaints.Count == 0 ? null : [.. options.RegisterWithTaints] },
            Status = NodeStatusSetters.Compute(context),
        };
    }

    /// <summary>The kubelet's default labels on an existing Node that are missing or differ.</summary>
    private Dictionary<string, string> LabelFixes(Node node, NodeStatusContext context)
    {
        var current = node.Metadata.Labels ?? [];
        var wanted = NodeLabels.Defaults(context.Hostname, context.Machine);
        foreach (var (key, value) in options.NodeLabels)
        {
            // A --node-labels override of a default label stays (as registered); os/arch are forced as in the kubelet.
            if (wanted.ContainsKey(key) && key is not NodeLabels.Os and not NodeLabels.Arch)
            {
                wanted[key] = value;
            }
        }
        return wanted
            .Where(l => !current.TryGetValue(l.Key, out var value) || value != l.Value)
            .ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
    }

    private void Record(NodeStatusContext context)
    {
        foreach (var e in context.Events)
        {
            events.Record(e);
        }
    }

    private static bool IsReady(NodeStatus status) =>
        status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered node {Node} with the API server")]
    private static partial void LogRegistered(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} already exists on the API server: taking it over")]
    private static partial void LogAlreadyRegistered(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering node {Node} failed, retrying: {Error}")]
    private static partial void LogRegistrationFailed(ILogger logger, string node, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating the status of node {Node} failed (attempt {Attempt}): {Error}")]
    private static partial void LogUpdateFailed(ILogger logger, string node, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "update node status exceeds retry count")]
    private static partial void LogRetriesExceeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} not becoming ready in time after startup")]
    private static partial void LogNotReadyInTime(ILogger logger, string node);
}
