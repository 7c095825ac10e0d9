using EdgeNode.Core.Runtime;

namespace EdgeNode.Testing;

/// <summary>A sandbox held by <see cref="FakeCriRuntime"/>: the spec it was created from and what the runtime reports.</summary>
public sealed record FakeSandbox(SandboxSpec Spec, SandboxInfo Info, string Ip)
{
    public string Id => Info.Id;
    public SandboxState State => Info.State;
}
