namespace EdgeNode.Core.Nodes;

/// <summary>The labels the kubelet puts on its own Node.</summary>
public static class NodeLabels
{
    public const string Hostname = "kubernetes.io/hostname";
    public const string Os = "kubernetes.io/os";
    public const string Arch = "kubernetes.io/arch";
    public const string BetaOs = "beta.kubernetes.io/os";
    public const string BetaArch = "beta.kubernetes.io/arch";

    public static Dictionary<string, string> Defaults(string hostname, MachineInfo machine) => new(StringComparer.Ordinal)
    {
        [Hostname] = hostname,
        [Os] = machine.OperatingSystem,
        [Arch] = machine.Architecture,
        [BetaOs] = machine.OperatingSystem,
        [BetaArch] = machine.Architecture,
    };
}
