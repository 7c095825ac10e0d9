using EdgeNode.Agent.Cli;
using EdgeNode.Core.Nodes;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Agent.Hosting;

/// <summary>Gathers a node-status computation's inputs: machine facts, the runtime's version, health and images, pressure.</summary>
internal sealed class NodeStatusInputs(
    string nodeName, string nodeIp, IMachineInfoSource machine, ICriRuntime runtime, IPressureSource pressure, TimeProvider time,
    Func<IReadOnlyList<string>> notReadyReasons) : INodeStatusInputs
{
    private static readonly TimeSpan ImageListRefresh = TimeSpan.FromSeconds(30);
    private static readonly Quantity MemoryEvictionHard = Quantity.Parse("100Mi");
    private const decimal NodefsEvictionHard = 0.10m;
    private RuntimeVersion? _version;
    private IReadOnlyList<ImageInfo> _images = [];
    private DateTimeOffset _imagesRead;

    public async Task<NodeStatusContext> GatherAsync(IReadOnlyList<NodeCondition> previousConditions, CancellationToken cancellationToken)
    {
        var facts = machine.Read();
        RuntimeHealth health;
        try
        {
            _version ??= await runtime.VersionAsync(cancellationToken);
            health = await runtime.StatusAsync(cancellationToken);
            if (time.GetUtcNow() - _imagesRead > ImageListRefresh)
            {
                _images = await runtime.ListImagesAsync(cancellationToken);
                _imagesRead = time.GetUtcNow();
            }
        }
        catch (RuntimeException e)
        {
            health = new RuntimeHealth(false, false, $"container runtime is down: {e.Message}");
        }
        return new NodeStatusContext
        {
            NodeName = nodeName,
            Now = time.GetUtcNow(),
            Machine = facts,
            NodeIp = nodeIp,
            Hostname = nodeName,
            KubeletVersion = BuildInfo.KubernetesVersion,
            Reserved = new Dictionary<string, Quantity>
            {
                ["memory"] = MemoryEvictionHard,
                ["ephemeral-storage"] = Quantity.FromWhole((long)(facts.EphemeralStorageBytes * NodefsEvictionHard)),
            },
            RuntimeVersion = _version,
            RuntimeHealth = health,
            Images = _images,
            Pressure = pressure.Current(),
            NotReadyReasons = notReadyReasons(),
            PreviousConditions = previousConditions,
        };
    }
}
