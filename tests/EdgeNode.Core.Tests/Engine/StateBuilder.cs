using EdgeNode.Core.Engine;
using EdgeNode.Core.Pods;
using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Tests.Engine;

/// <summary>
/// Builds a <see cref="PodRuntimeState"/> the way <see cref="PodRuntimeStateReader"/> returns it (newest first).
/// Every sandbox or container added is one second newer than the previous one; containers go into the
/// newest sandbox unless told otherwise.
/// </summary>
internal sealed class StateBuilder
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<SandboxInfo> _sandboxes = [];
    private readonly List<ObservedContainer> _containers = [];
    private DateTimeOffset _clock = T0;
    private string _ip = "10.88.0.2";

    public DateTimeOffset Clock => _clock;

    public StateBuilder Sandbox(string id = "sb-1", SandboxState state = SandboxState.Ready, uint attempt = 0)
    {
        _clock += TimeSpan.FromSeconds(1);
        _sandboxes.Add(new SandboxInfo
        {
            Id = id,
            Name = TestPods.Name,
            Namespace = TestPods.Namespace,
            Uid = TestPods.Uid,
            Attempt = attempt,
            State = state,
            CreatedAt = _clock,
        });
        return this;
    }

    public StateBuilder Ip(string ip)
    {
        _ip = ip;
        return this;
    }

    public StateBuilder Container(
        string name, ContainerRunState state, int exitCode = 0, int restartCount = 0, string? sandboxId = null, string? id = null,
        string? image = "busybox:1.36", string reason = "")
    {
        _clock += TimeSpan.FromSeconds(1);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PodAnnotations.ContainerRestartCount] = restartCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (image is not null)
        {
            annotations[PodAnnotations.ContainerImage] = image;
        }
        var started = state is ContainerRunState.Running or ContainerRunState.Exited ? _clock : (DateTimeOffset?)null;
        _containers.Add(new ObservedContainer(
            sandboxId ?? _sandboxes[^1].Id,
            new ContainerStatusInfo
            {
                Id = id ?? $"{name}-{restartCount}-{_containers.Count}",
                Name = name,
                Attempt = (uint)restartCount,
                State = state,
                CreatedAt = _clock,
                StartedAt = started,
                FinishedAt = state == ContainerRunState.Exited ? _clock + TimeSpan.FromMilliseconds(500) : null,
                ExitCode = exitCode,
                Reason = reason,
                Image = "sha256:abc",
                ImageRef = "docker.io/library/busybox@sha256:abc",
                Annotations = annotations,
            }));
        return this;
    }

    public PodRuntimeState Build()
    {
        var sandboxes = _sandboxes.OrderByDescending(s => s.CreatedAt).ToList();
        var containers = _containers.OrderByDescending(c => c.Status.CreatedAt).ToList();
        var state = new PodRuntimeState(sandboxes, containers, "");
        return state with { SandboxIp = state.CurrentSandbox is { State: SandboxState.Ready } ? _ip : "" };
    }
}
