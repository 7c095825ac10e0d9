using EdgeNode.Agent.Configuration;
using Shouldly;

namespace EdgeNode.Agent.Tests.Configuration;

public sealed class ConfigurationLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgenode-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_KubeletFields_OverrideDefaultsAndReportUnusedOnes()
    {
        var path = Write("""
            apiVersion: kubelet.config.k8s.io/v1beta1
            kind: KubeletConfiguration
            staticPodPath: /etc/edgenode/manifests
            containerRuntimeEndpoint: unix:///run/k3s/containerd/containerd.sock
            fileCheckFrequency: 5s
            runtimeRequestTimeout: 1m
            clusterDNS: [10.43.0.10]
            clusterDomain: cluster.local
            cgroupDriver: systemd
            """);

        var (settings, warnings) = ConfigurationLoader.Load(path, new AgentSettings());

        settings.StaticPodPath.ShouldBe("/etc/edgenode/manifests");
        settings.ContainerRuntimeEndpoint.ShouldBe("unix:///run/k3s/containerd/containerd.sock");
        settings.FileCheckFrequency.ShouldBe(TimeSpan.FromSeconds(5));
        settings.RuntimeRequestTimeout.ShouldBe(TimeSpan.FromMinutes(1));
        settings.ClusterDns.ShouldBe(["10.43.0.10"]);
        settings.RootDir.ShouldBe("/var/lib/edgenode");
        warnings.ShouldHaveSingleItem().ShouldContain("field cgroupDriver is not used by EdgeNode");
    }

    [Fact]
    public void Load_BadDuration_NamesFileFieldAndFix()
    {
        var path = Write("fileCheckFrequency: soon\n");

        var error = Should.Throw<ConfigurationException>(() => ConfigurationLoader.Load(path, new AgentSettings()));

        error.Message.ShouldContain(path);
        error.Message.ShouldContain("fileCheckFrequency \"soon\"");
        error.Message.ShouldContain("write it like 20s");
    }

    [Fact]
    public void Load_OtherKind_IsRejected()
    {
        var path = Write("apiVersion: v1\nkind: Pod\n");

        Should.Throw<ConfigurationException>(() => ConfigurationLoader.Load(path, new AgentSettings())).Message.ShouldContain("is a Pod");
    }

    [Fact]
    public void Load_InvalidYaml_SaysWhereAndThatTheFileMustBeFixed()
    {
        var path = Write("staticPodPath: [unclosed\n");

        var error = Should.Throw<ConfigurationException>(() => ConfigurationLoader.Load(path, new AgentSettings()));

        error.Message.ShouldContain(path);
        error.Message.ShouldContain("line");
    }

    [Fact]
    public void Load_MissingFile_NamesTheFlag() =>
        Should.Throw<ConfigurationException>(() => ConfigurationLoader.Load(Path.Combine(_directory, "none.yaml"), new AgentSettings()))
            .Message.ShouldContain("--config");

    [Fact]
    public void Load_ShippedBoardConfig_HasNoWarnings()
    {
        var shipped = Path.Combine(RepoRoot(), "image", "rootfs", "etc", "edgenode", "config.yaml");

        var (settings, warnings) = ConfigurationLoader.Load(shipped, new AgentSettings());

        warnings.ShouldBeEmpty();
        settings.StaticPodPath.ShouldBe("/etc/edgenode/manifests");
    }

    private string Write(string text)
    {
        var path = Path.Combine(_directory, $"config-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EdgeNode.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("EdgeNode.sln not found above the test output");
    }
}
