using EdgeNode.Core.Probes;
using EdgeNode.Core.Runtime;
using Microsoft.Extensions.Logging;

namespace EdgeNode.Core.Engine;

/// <summary>What every pod worker shares.</summary>
public sealed record PodWorkerContext(
    PodEngineOptions Options,
    ICriRuntime Runtime,
    PodRuntimeStateReader Reader,
    SandboxSpecFactory Sandboxes,
    ContainerSpecFactory Containers,
    ImageManager Images,
    PodVolumes Volumes,
    PodKiller Killer,
    IProber Prober,
    Backoff RestartBackoff,
    IPodEventRecorder Events,
    IPodStatusSink Statuses,
    TimeProvider Time,
    ILogger Logger,
    string RuntimeName);
