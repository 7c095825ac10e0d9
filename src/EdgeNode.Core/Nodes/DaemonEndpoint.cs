using System.Text.Json.Serialization;

namespace EdgeNode.Core.Nodes;

public sealed record DaemonEndpoint
{
    // The API's JSON key is capitalised.
    [JsonPropertyName("Port")]
    public int Port { get; init; }
}
