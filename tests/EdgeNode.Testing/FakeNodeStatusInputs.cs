using EdgeNode.Core.Nodes;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Testing;

/// <summary>
/// Node-status inputs the test sets directly: a healthy 4-CPU, 8 GiB linux/amd64 machine with containerd
/// 1.7.20 and no pressure until changed. <see cref="NodeStatusContext.Now"/> comes from the injected clock.
/// Records the previous conditions each gathering was given. Thread-safe.
/// </summary>
public sealed class FakeNodeStatusInputs(string nodeName, TimeProvider time, ProgressSignal? progress = null) : INodeStatusInputs
{
    public const long GiB = 1024L * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly List<IReadOnlyList<NodeCondition>> _previous = [];

    public string NodeName { get; } = nodeName;
    public string Hostname { get; set; } = nodeName;
    public string NodeIp { get; set; } = "10.0.0.5";
    public string KubeletVersion { get; set; } = "v1.33.0-edgenode";

    public MachineInfo Machine { get; set; } = new()
    {
        CpuCount = 4,
        MemoryBytes = 8 * GiB,
        EphemeralStorageBytes = 100 * GiB,
        MachineId = "machine-id-1",
        SystemUuid = "system-uuid-1",
        BootId = "boot-1",
        KernelVersion = "6.8.0-40-generic",
        OsImage = "Ubuntu 24.04 LTS",
        OperatingSystem = "linux",
        Architecture = "amd64",
    };

    public RuntimeVersion? RuntimeVersion { get; set; } = new("containerd", "1.7.20", "v1");
    public RuntimeHealth? RuntimeHealth { get; set; } = new(true, true, "");
    public PressureState Pressure { get; set; } = new(false, false, false);
    public IReadOnlyList<string> NotReadyReasons { get; set; } = [];
    public IReadOnlyList<ImageInfo> Images { get; set; } = [];
    public IReadOnlyDictionary<string, Quantity> Reserved { get; set; } = new Dictionary<string, Quantity>();

    /// <summary>Thrown by the next gathering, once.</summary>
    public Exception? FailNext { get; set; }

    /// <summary>The previous conditions passed to each gathering, in order.</summary>
    public IReadOnlyList<IReadOnlyList<NodeCondition>> PreviousConditionsSeen
    {
        get
        {
            lock (_lock)
            {
                return [.. _previous];
            }
        }
    }

    public int GatherCount
    {
        get
        {
            lock (_lock)
            {
                return _previous.Count;
            }
        }
    }

    public void MakeRuntimeUnready(string message = "") => RuntimeHealth = new RuntimeHealth(false, false, message);

    public void MakeRuntimeReady() => RuntimeHealth = new RuntimeHealth(true, true, "");

    public Task<NodeStatusContext> GatherAsync(IReadOnlyList<NodeCondition> previousConditions, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _previous.Add([.. previousConditions]);
            progress?.Pulse();
            if (FailNext is { } failure)
            {
                FailNext = null;
                throw failure;
            }
            return Task.FromResult(new NodeStatusContext
            {
                NodeName = NodeName,
                Now = time.GetUtcNow(),
                Machine = Machine,
                NodeIp = NodeIp,
                Hostname = Hostname,
                KubeletVersion = KubeletVersion,
                Reserved = Reserved,
                RuntimeVersion = RuntimeVersion,
                RuntimeHealth = RuntimeHealth,
                Images = Images,
                Pressure = Pressure,
                NotReadyReasons = NotReadyReasons,
                PreviousConditions = [.. previousConditions],
            });
        }
    }
}
