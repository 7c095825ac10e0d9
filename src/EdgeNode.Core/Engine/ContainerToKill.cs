using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Engine;

/// <summary>A running instance to stop, why (for the Killing event), and its spec when the pod still has it.</summary>
public sealed record ContainerToKill(ObservedContainer Instance, Container? Spec, string Message);
