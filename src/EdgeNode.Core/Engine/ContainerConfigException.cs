namespace EdgeNode.Core.Engine;

/// <summary>The container's configuration cannot be built (the kubelet's CreateContainerConfigError).</summary>
public sealed class ContainerConfigException(string message) : Exception(message);
