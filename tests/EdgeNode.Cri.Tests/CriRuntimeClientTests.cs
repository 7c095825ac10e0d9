using Shouldly;

namespace EdgeNode.Cri.Tests;

public sealed class CriRuntimeClientTests
{
    [Fact]
    public void Constructor_TcpEndpoint_ThrowsArgumentException()
    {
        Should.Throw<ArgumentException>(() => new CriRuntimeClient(new CriClientOptions { Endpoint = "tcp://127.0.0.1:10010" }));
    }

    [Fact]
    public void Constructor_ZeroRequestTimeout_ThrowsSentenceNamingTheSetting()
    {
        var error = Should.Throw<ArgumentException>(() => new CriRuntimeClient(new CriClientOptions { RuntimeRequestTimeout = TimeSpan.Zero }));

        error.Message.ShouldStartWith("RuntimeRequestTimeout must be positive");
    }

    [Fact]
    public void Constructor_NegativePullTimeout_ThrowsSentenceNamingTheSetting()
    {
        var error = Should.Throw<ArgumentException>(() => new CriRuntimeClient(new CriClientOptions { ImagePullTimeout = TimeSpan.FromSeconds(-1) }));

        error.Message.ShouldStartWith("ImagePullTimeout must be positive");
    }

    [Fact]
    public void Endpoint_AsConfigured_ReturnedUnchanged()
    {
        using var client = new CriRuntimeClient(new CriClientOptions { Endpoint = "/run/containerd/containerd.sock" });

        client.Endpoint.ShouldBe("/run/containerd/containerd.sock");
    }

    [Fact]
    public void Options_Defaults_MatchKubeletDefaults()
    {
        var options = new CriClientOptions();

        options.Endpoint.ShouldBe("unix:///run/containerd/containerd.sock");
        options.RuntimeRequestTimeout.ShouldBe(TimeSpan.FromMinutes(2));
        options.ImagePullTimeout.ShouldBe(TimeSpan.FromMinutes(5));
    }
}
