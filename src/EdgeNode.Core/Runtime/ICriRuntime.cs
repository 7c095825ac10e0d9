namespace EdgeNode.Core.Runtime;

/// <summary>Everything EdgeNode asks of a CRI container runtime (implemented by EdgeNode.Cri).</summary>
public interface ICriRuntime : IPodSandboxRuntime, IContainerRuntime, IContainerStatusReader, IImageService, IRuntimeInfo;
