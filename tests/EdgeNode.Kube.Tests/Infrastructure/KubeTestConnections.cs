using EdgeNode.Kube.Api;
using EdgeNode.Kube.Config;

namespace EdgeNode.Kube.Tests.Infrastructure;

internal static class KubeTestConnections
{
    public static KubeConnection Token(string server = "https://api.example:6443", string token = "secret-token") =>
        new() { Server = new Uri(server), BearerToken = token, Source = "/etc/edgenode/kubeconfig", ContextName = "default" };

    public static KubeApiClient Client(FakeApiHandler handler, TimeProvider timeProvider, KubeConnection? connection = null, KubeApiClientOptions? options = null) =>
        new(connection ?? Token(), options ?? new KubeApiClientOptions { UserAgent = "edgenode/9.9.9 (linux/arm64)" }, timeProvider, () => handler);
}
