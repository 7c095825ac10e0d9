namespace EdgeNode.Core.Sources;

/// <summary>Values of the kubernetes.io/config.source annotation.</summary>
public static class PodSourceNames
{
    public const string File = "file";
    public const string Api = "api";
}
