using EdgeNode.Core.Runtime;
using Google.Protobuf.Collections;

namespace EdgeNode.Cri.Mapping;

/// <summary>Conversions shared by sandboxes and containers: namespaces, string maps, times, optional ids.</summary>
internal static class CommonMapper
{
    /// <summary>Always set explicitly: an unset CRI NamespaceOption means PID mode POD, not the domain's default.</summary>
    public static V1.NamespaceOption ToNamespaceOption(NamespaceModes modes) => new()
    {
        Network = ToCri(modes.Network),
        Pid = ToCri(modes.Pid),
        Ipc = ToCri(modes.Ipc),
    };

    public static V1.NamespaceMode ToCri(NamespaceMode mode) => mode switch
    {
        NamespaceMode.Pod => V1.NamespaceMode.Pod,
        NamespaceMode.Container => V1.NamespaceMode.Container,
        NamespaceMode.Node => V1.NamespaceMode.Node,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown namespace mode"),
    };

    /// <summary>TARGET (share another container's namespace) has no domain counterpart; it only appears for PID, read as Container.</summary>
    public static NamespaceMode ToDomain(V1.NamespaceMode mode) => mode switch
    {
        V1.NamespaceMode.Pod => NamespaceMode.Pod,
        V1.NamespaceMode.Node => NamespaceMode.Node,
        _ => NamespaceMode.Container,
    };

    public static V1.Int64Value? ToInt64Value(long? value) => value is { } v ? new V1.Int64Value { Value = v } : null;

    public static void CopyInto(MapField<string, string> target, IReadOnlyDictionary<string, string> source)
    {
        foreach (var (key, value) in source)
        {
            target[key] = value;
        }
    }

    public static IReadOnlyDictionary<string, string> ToDictionary(MapField<string, string> source) =>
        new Dictionary<string, string>(source, StringComparer.Ordinal);

    /// <summary>CRI times are Unix nanoseconds.</summary>
    public static DateTimeOffset FromUnixNanos(long nanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / TimeSpan.NanosecondsPerTick);

    /// <summary>0 means the event (start, finish) has not happened.</summary>
    public static DateTimeOffset? FromUnixNanosOrNull(long nanoseconds) =>
        nanoseconds == 0 ? null : FromUnixNanos(nanoseconds);
}
