namespace EdgeNode.Cri;

/// <summary>Turns a configured runtime endpoint into the unix socket path to connect to.</summary>
internal static class CriEndpoint
{
    private const string UnixScheme = "unix://";

    public static string ToSocketPath(string endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            throw new ArgumentException(
                $"The container runtime endpoint is empty: pass the runtime's unix socket, e.g. {CriClientOptions.DefaultEndpoint}.");
        }

        var path = endpoint.StartsWith(UnixScheme, StringComparison.OrdinalIgnoreCase) ? endpoint[UnixScheme.Length..] : endpoint;
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException(
                $"The container runtime endpoint '{endpoint}' is not a unix socket with an absolute path: " +
                $"EdgeNode only talks CRI over unix sockets, e.g. {CriClientOptions.DefaultEndpoint}.");
        }

        return path;
    }
}
