using System.Reflection;
using System.Runtime.InteropServices;

namespace EdgeNode.Kube.Api;

/// <summary>The default User-Agent: <c>edgenode/0.1.0 (linux/arm64)</c>, shaped like the kubelet's <c>kubelet/v1.30.0 (linux/arm64)</c>.</summary>
public static class KubeUserAgent
{
    /// <summary>Built from the executable's (the agent's) informational version.</summary>
    public static string Default { get; } = Create(
        (Assembly.GetEntryAssembly() ?? typeof(KubeUserAgent).Assembly).GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
        RuntimeInformation.ProcessArchitecture);

    /// <summary>Builds the User-Agent from a version (build metadata after '+' is dropped) and the process architecture.</summary>
    public static string Create(string version, Architecture architecture)
    {
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        var clean = plus < 0 ? version : version[..plus];
        var arch = architecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            Architecture.Arm or Architecture.Armv6 => "arm",
            Architecture.X86 => "386",
            _ => architecture.ToString().ToLowerInvariant(),
        };
        return $"edgenode/{clean} (linux/{arch})";
    }
}
