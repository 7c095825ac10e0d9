namespace EdgeNode.Core.Runtime;

public sealed record MountSpec(string ContainerPath, string HostPath, bool ReadOnly, MountPropagationMode Propagation = MountPropagationMode.Private);
