using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Probes;

/// <summary>Where a probe or hook runs: the container instance, the pod's IP and the container's named ports.</summary>
public sealed record ProbeTarget(string ContainerId, string PodIp, IReadOnlyList<ContainerPort> Ports);
