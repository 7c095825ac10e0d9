using EdgeNode.Core.Runtime;

namespace EdgeNode.Testing;

/// <summary>A container held by <see cref="FakeCriRuntime"/>: the spec it was created from and its current status.</summary>
public sealed record FakeContainer(string SandboxId, ContainerSpec Spec, ContainerStatusInfo Status)
{
    public string Id => Status.Id;
    public string Name => Status.Name;
    public ContainerRunState State => Status.State;
}
