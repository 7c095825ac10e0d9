using Shouldly;

namespace EdgeNode.Cri.Tests;

public sealed class CriEndpointTests
{
    [Theory]
    [InlineData("unix:///run/containerd/containerd.sock", "/run/containerd/containerd.sock")]
    [InlineData("UNIX:///run/k3s/containerd/containerd.sock", "/run/k3s/containerd/containerd.sock")]
    [InlineData("/var/run/containerd.sock", "/var/run/containerd.sock")]
    public void ToSocketPath_UnixEndpointOrAbsolutePath_ReturnsSocketPath(string endpoint, string expected)
    {
        CriEndpoint.ToSocketPath(endpoint).ShouldBe(expected);
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:1234")]
    [InlineData("npipe:////./pipe/containerd-containerd")]
    [InlineData("unix://run/containerd/containerd.sock")]
    [InlineData("containerd.sock")]
    public void ToSocketPath_NotAnAbsoluteUnixSocket_ThrowsSentenceNamingEndpointAndExample(string endpoint)
    {
        var error = Should.Throw<ArgumentException>(() => CriEndpoint.ToSocketPath(endpoint));

        error.Message.ShouldBe(
            $"The container runtime endpoint '{endpoint}' is not a unix socket with an absolute path: " +
            "EdgeNode only talks CRI over unix sockets, e.g. unix:///run/containerd/containerd.sock.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void ToSocketPath_Empty_ThrowsSentenceAskingForSocket(string endpoint)
    {
        var error = Should.Throw<ArgumentException>(() => CriEndpoint.ToSocketPath(endpoint));

        error.Message.ShouldStartWith("The container runtime endpoint is empty");
    }
}
