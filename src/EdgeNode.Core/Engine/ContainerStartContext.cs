using EdgeNode.Core.Runtime;

namespace EdgeNode.Core.Engine;

/// <summary>Everything a container instance is built from besides its spec.</summary>
public sealed record ContainerStartContext(
    int RestartCount,
    ImageInfo Image,
    IReadOnlyDictionary<string, string> VolumePaths,
    string EtcHostsPath,
    string TerminationMessageFile,
    string PodIp);
