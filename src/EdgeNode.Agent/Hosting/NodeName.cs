using EdgeNode.Agent.Configuration;
using EdgeNode.Core.Manifests;

namespace EdgeNode.Agent.Hosting;

/// <summary>The node name as the kubelet derives it: --hostname-override or the kernel hostname, trimmed and lower-cased.</summary>
internal static class NodeName
{
    public static string Resolve(string? hostnameOverride)
    {
        var name = (string.IsNullOrWhiteSpace(hostnameOverride) ? Environment.MachineName : hostnameOverride).Trim().ToLowerInvariant();
        if (name.Length == 0)
        {
            throw new ConfigurationException("empty hostname is invalid: set the machine's hostname or pass --hostname-override");
        }
        if (!Dns1123.IsSubdomain(name))
        {
            throw new ConfigurationException($"node name \"{name}\" is not a valid DNS-1123 subdomain ({Dns1123.SubdomainRule}): pass a valid --hostname-override");
        }
        return name;
    }
}
