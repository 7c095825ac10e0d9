using System.Text.Json;
using EdgeNode.Core.Manifests;

namespace EdgeNode.Agent.Configuration;

/// <summary>Reads the YAML config file into settings; unknown kubelet fields are returned as warnings.</summary>
public static class ConfigurationLoader
{
    public static (AgentSettings Settings, IReadOnlyList<string> Warnings) Load(string path, AgentSettings defaults)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"cannot read the config file {path}: {e.Message}: fix the path given to --config");
        }
        ConfigurationFile file;
        try
        {
            var documents = YamlJson.Parse(text);
            if (documents.Count != 1 || documents[0] is null)
            {
                throw new ConfigurationException($"config file {path} must hold exactly one YAML document: remove the others");
            }
            file = documents[0].Deserialize(AgentJsonContext.Default.ConfigurationFile)
                ?? throw new ConfigurationException($"config file {path} is empty: add settings or drop --config");
        }
        catch (Exception e) when (e is JsonException or YamlJsonException)
        {
            throw new ConfigurationException($"config file {path} is not valid: {e.Message}: fix the file");
        }
        if (file.Kind is not null and not "KubeletConfiguration")
        {
            throw new ConfigurationException($"config file {path} is a {file.Kind}; EdgeNode reads a KubeletConfiguration (apiVersion kubelet.config.k8s.io/v1beta1): fix kind");
        }

        var settings = defaults with
        {
            StaticPodPath = file.StaticPodPath ?? defaults.StaticPodPath,
            ContainerRuntimeEndpoint = file.ContainerRuntimeEndpoint ?? defaults.ContainerRuntimeEndpoint,
            FileCheckFrequency = Duration(path, "fileCheckFrequency", file.FileCheckFrequency) ?? defaults.FileCheckFrequency,
            SyncFrequency = Duration(path, "syncFrequency", file.SyncFrequency) ?? defaults.SyncFrequency,
            RuntimeRequestTimeout = Duration(path, "runtimeRequestTimeout", file.RuntimeRequestTimeout) ?? defaults.RuntimeRequestTimeout,
            ImagePullTimeout = Duration(path, "imagePullTimeout", file.ImagePullTimeout) ?? defaults.ImagePullTimeout,
            PodLogsDir = file.PodLogsDir ?? defaults.PodLogsDir,
            ResolvConf = file.ResolvConf ?? defaults.ResolvConf,
            ClusterDns = file.ClusterDns ?? defaults.ClusterDns,
            ClusterDomain = file.ClusterDomain ?? defaults.ClusterDomain,
        };
        var warnings = (file.Unknown ?? []).Keys
            .Select(k => $"config file {path}: field {k} is not used by EdgeNode and is ignored")
            .ToList();
        return (settings, warnings);
    }

    public static TimeSpan? Duration(string where, string field, string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (!GoDuration.TryParse(value, out var duration) || duration <= TimeSpan.Zero)
        {
            throw new ConfigurationException($"{where}: {field} \"{value}\" is not a positive duration: write it like 20s, 1m or 1m30s");
        }
        return duration;
    }
}
