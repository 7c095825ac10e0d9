namespace EdgeNode.Core.Runtime;

public sealed record SandboxStatusInfo
{
    public required SandboxInfo Sandbox { get; init; }

    /// <summary>Empty for host-network sandboxes.</summary>
    public string Ip { get; init; } = "";

    public IReadOnlyList<string> AdditionalIps { get; init; } = [];
    public NamespaceMode NetworkMode { get; init; }
}
