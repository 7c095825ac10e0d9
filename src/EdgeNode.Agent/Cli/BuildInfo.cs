using System.Reflection;
using System.Runtime.InteropServices;

namespace EdgeNode.Agent.Cli;

/// <summary>
/// What this binary is: its version, the commit it was built from, the platform it runs on and the
/// Kubernetes version whose kubelet behaviour it follows.
/// </summary>
/// <remarks>
/// The SDK appends the <c>SourceRevisionId</c> build property to the informational version as
/// <c>0.1.0+abc1234</c>; <c>scripts/publish</c> passes <c>-p:SourceRevisionId=$(git rev-parse --short HEAD)</c>.
/// </remarks>
internal static class BuildInfo
{
    /// <summary>The Kubernetes (kubelet) version EdgeNode is compatible with; also reported as the node's kubelet version.</summary>
    public const string KubernetesVersion = "v1.30.0";

    /// <summary>Shown when the binary was built without a source revision.</summary>
    public const string UnknownCommit = "unknown";

    private const int ShortCommitLength = 7;

    private static readonly string InformationalVersion =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(BuildInfo).Assembly.GetName().Version?.ToString(3)
        ?? "0.0.0";

    /// <summary>The product version without build metadata, e.g. <c>0.1.0</c>.</summary>
    public static string Version { get; } = SplitVersion(InformationalVersion).Version;

    /// <summary>The short commit id the binary was built from, or <c>unknown</c>.</summary>
    public static string Commit { get; } = SplitVersion(InformationalVersion).Commit;

    /// <summary>The operating system in Go's naming (<c>linux</c>, <c>darwin</c>, <c>windows</c>).</summary>
    public static string OperatingSystem { get; } = GoOperatingSystem();

    /// <summary>The process architecture in Go's naming (<c>amd64</c>, <c>arm64</c>, <c>arm</c>).</summary>
    public static string Architecture { get; } = GoArchitecture(RuntimeInformation.ProcessArchitecture);

    /// <summary>The platform as the Kubernetes API writes it, e.g. <c>linux/arm64</c>.</summary>
    public static string Platform => $"{OperatingSystem}/{Architecture}";

    /// <summary>One line for <c>edgenode version</c>.</summary>
    public static string Describe() => Describe(Version, Commit, Platform);

    /// <summary>Formats the version line from its parts.</summary>
    public static string Describe(string version, string commit, string platform) =>
        $"edgenode {version} (commit {commit}, {platform}, Kubernetes {KubernetesVersion} compatible)";

    /// <summary>Splits <c>0.1.0+abc1234</c> into version and (shortened) commit.</summary>
    public static (string Version, string Commit) SplitVersion(string informationalVersion)
    {
        var plus = informationalVersion.IndexOf('+', StringComparison.Ordinal);
        if (plus < 0)
        {
            return (informationalVersion, UnknownCommit);
        }

        var version = informationalVersion[..plus];
        var commit = informationalVersion[(plus + 1)..];
        if (commit.Length == 0)
        {
            return (version, UnknownCommit);
        }

        // A full 40-character hash (SourceLink sets one when no revision is passed) reads better short.
        if (commit.Length > ShortCommitLength && IsHex(commit))
        {
            commit = commit[..ShortCommitLength];
        }

        return (version, commit);
    }

    /// <summary>Maps a .NET architecture to Go's GOARCH name, which Kubernetes uses in node info and labels.</summary>
    public static string GoArchitecture(Architecture architecture) => architecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.Arm or System.Runtime.InteropServices.Architecture.Armv6 => "arm",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
        System.Runtime.InteropServices.Architecture.LoongArch64 => "loong64",
        System.Runtime.InteropServices.Architecture.S390x => "s390x",
        System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
        _ => architecture.ToString().ToLowerInvariant(),
    };

    private static string GoOperatingSystem() =>
        System.OperatingSystem.IsLinux() ? "linux"
        : System.OperatingSystem.IsMacOS() ? "darwin"
        : System.OperatingSystem.IsWindows() ? "windows"
        : System.OperatingSystem.IsFreeBSD() ? "freebsd"
        : "unknown";

    private static bool IsHex(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
