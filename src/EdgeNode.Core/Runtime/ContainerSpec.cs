namespace EdgeNode.Core.Runtime;

/// <summary>What a container is created from (CRI ContainerConfig).</summary>
public sealed record ContainerSpec
{
    public required string Name { get; init; }
    public uint Attempt { get; init; }

    /// <summary>The image to run: the resolved image reference (ID) when known, else the spec string.</summary>
    public required string Image { get; init; }

    /// <summary>The image as written in the pod spec.</summary>
    public string UserSpecifiedImage { get; init; } = "";

    public IReadOnlyList<string> Command { get; init; } = [];
    public IReadOnlyList<string> Args { get; init; } = [];
    public string WorkingDir { get; init; } = "";
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];
    public IReadOnlyList<MountSpec> Mounts { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Relative to the sandbox's log directory: <c>&lt;container&gt;/&lt;restartCount&gt;.log</c>.</summary>
    public string LogPath { get; init; } = "";

    public bool Stdin { get; init; }
    public bool StdinOnce { get; init; }
    public bool Tty { get; init; }
    public ContainerResources Resources { get; init; } = new();
    public ContainerSecurity Security { get; init; } = new();
}
