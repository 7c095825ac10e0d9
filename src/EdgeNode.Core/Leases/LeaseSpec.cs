using System.Text.Json.Serialization;
using EdgeNode.Core.Json;

namespace EdgeNode.Core.Leases;

public sealed record LeaseSpec
{
    public string? HolderIdentity { get; init; }
    public int? LeaseDurationSeconds { get; init; }

    /// <summary>MicroTime: RFC 3339 with exactly six fractional digits.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? RenewTime { get; init; }
}
