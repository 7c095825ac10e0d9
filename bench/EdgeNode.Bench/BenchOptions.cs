namespace EdgeNode.Bench;

/// <summary>What to measure and where the agent, containerd and their logs are (bench/run passes all of it).</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        usage: EdgeNode.Bench --agent-pid PID --endpoint unix:///DIR/containerd.sock --manifests DIR --root-dir DIR
                              [--agent-log FILE] [--containerd-log FILE] [--node NAME] [--binary RID=PATH ...]
                              [--pods 20] [--rss-pods 10] [--gap-ms 1000] [--poll-ms 5] [--idle-s 5] [--settle-s 10] [--cpu-window-s 30]
        """;

    public required int AgentPid { get; init; }
    public required string Endpoint { get; init; }
    public required string ManifestDir { get; init; }
    public required string RootDir { get; init; }
    public string? AgentLog { get; init; }
    public string? ContainerdLog { get; init; }
    public string NodeName { get; init; } = "bench-node";

    /// <summary>Runtime identifier → path of the AOT binary whose size is reported.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Binaries { get; init; } = [];

    public int Pods { get; init; } = 20;
    public int RssPods { get; init; } = 10;
    public TimeSpan Gap { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan Poll { get; init; } = TimeSpan.FromMilliseconds(5);
    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan CpuWindow { get; init; } = TimeSpan.FromSeconds(30);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var binaries = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < args.Count; i += 2)
        {
            var key = args[i];
            if (!key.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected '--option value' but found '{key}'");
            }
            var value = args[i + 1];
            if (key == "--binary")
            {
                var parts = value.Split('=', 2);
                if (parts.Length != 2)
                {
                    throw new ArgumentException($"--binary takes RID=PATH, e.g. linux-x64=artifacts/linux-x64/edgenode, not '{value}'");
                }
                binaries.Add(new(parts[0], parts[1]));
                continue;
            }
            values[key] = value;
        }

        string Required(string key) => values.Remove(key, out var v) ? v : throw new ArgumentException($"{key} is required");
        string? Optional(string key) => values.Remove(key, out var v) ? v : null;
        int Number(string key, int fallback) => Optional(key) is { } v
            ? int.TryParse(v, out var n) && n > 0 ? n : throw new ArgumentException($"{key} must be a positive whole number, not '{v}'")
            : fallback;

        var defaults = new BenchOptions { AgentPid = 0, Endpoint = "", ManifestDir = "", RootDir = "" };
        var options = new BenchOptions
        {
            AgentPid = Number("--agent-pid", 0),
            Endpoint = Required("--endpoint"),
            ManifestDir = Required("--manifests"),
            RootDir = Required("--root-dir"),
            AgentLog = Optional("--agent-log"),
            ContainerdLog = Optional("--containerd-log"),
            NodeName = Optional("--node") ?? defaults.NodeName,
            Binaries = binaries,
            Pods = Number("--pods", defaults.Pods),
            RssPods = Number("--rss-pods", defaults.RssPods),
            Gap = TimeSpan.FromMilliseconds(Number("--gap-ms", (int)defaults.Gap.TotalMilliseconds)),
            Poll = TimeSpan.FromMilliseconds(Number("--poll-ms", (int)defaults.Poll.TotalMilliseconds)),
            Idle = TimeSpan.FromSeconds(Number("--idle-s", (int)defaults.Idle.TotalSeconds)),
            Settle = TimeSpan.FromSeconds(Number("--settle-s", (int)defaults.Settle.TotalSeconds)),
            CpuWindow = TimeSpan.FromSeconds(Number("--cpu-window-s", (int)defaults.CpuWindow.TotalSeconds)),
        };
        if (values.Count > 0)
        {
            throw new ArgumentException($"unknown option {values.Keys.First()}");
        }
        if (options.AgentPid == 0)
        {
            throw new ArgumentException("--agent-pid is required");
        }
        if (options.RssPods > options.Pods)
        {
            throw new ArgumentException($"--rss-pods ({options.RssPods}) cannot exceed --pods ({options.Pods})");
        }
        return options;
    }
}
