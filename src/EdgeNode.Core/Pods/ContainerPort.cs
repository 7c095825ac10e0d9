using System.Text.Json.Serialization;

namespace EdgeNode.Core.Pods;

public sealed record ContainerPort
{
    public string? Name { get; init; }

    // C# forbids a member named like its type; the wire name is containerPort.
    [JsonPropertyName("containerPort")]
    public int Number { get; init; }

    public int? HostPort { get; init; }
    public string? Protocol { get; init; }
    public string? HostIP { get; init; }
}
