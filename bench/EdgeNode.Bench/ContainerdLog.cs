using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeNode.Bench;

/// <summary>
/// Reads containerd's info-level log (scripts/containerd-instance writes DIR/containerd.log) for the
/// RunPodSandbox, CreateContainer and StartContainer calls of each pod, with their begin and end times.
/// </summary>
public static partial class ContainerdLog
{
    /// <summary>Pod full name → its CRI calls in log order.</summary>
    public static Dictionary<string, List<CriCallSpan>> ReadCalls(string path)
    {
        var calls = new Dictionary<string, List<CriCallSpan>>(StringComparer.Ordinal);
        var podOfSandbox = new Dictionary<string, string>(StringComparer.Ordinal);
        var podOfContainer = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);

        void Add(string pod, string method, string key, DateTimeOffset end)
        {
            if (pending.Remove(key, out var begin))
            {
                if (!calls.TryGetValue(pod, out var list))
                {
                    calls[pod] = list = [];
                }
                list.Add(new CriCallSpan(method, begin, end));
            }
        }

        foreach (var line in File.ReadLines(path))
        {
            if (LinePattern().Match(line) is not { Success: true } entry)
            {
                continue;
            }
            var at = ParseTime(entry.Groups["time"].Value);
            var msg = entry.Groups["msg"].Value;
            if (SandboxReturned().Match(msg) is { Success: true } sr)
            {
                podOfSandbox[sr.Groups["id"].Value] = sr.Groups["pod"].Value;
                Add(sr.Groups["pod"].Value, "RunPodSandbox", "sandbox/" + sr.Groups["pod"].Value, at);
            }
            else if (SandboxRequested().Match(msg) is { Success: true } sq)
            {
                pending["sandbox/" + sq.Groups["pod"].Value] = at;
            }
            else if (ContainerCreated().Match(msg) is { Success: true } cr && podOfSandbox.TryGetValue(cr.Groups["sandbox"].Value, out var pod))
            {
                podOfContainer[cr.Groups["id"].Value] = pod;
                Add(pod, "CreateContainer", $"create/{cr.Groups["sandbox"].Value}/{cr.Groups["name"].Value}", at);
            }
            else if (ContainerCreateRequested().Match(msg) is { Success: true } cq)
            {
                pending[$"create/{cq.Groups["sandbox"].Value}/{cq.Groups["name"].Value}"] = at;
            }
            else if (ContainerStarted().Match(msg) is { Success: true } st && podOfContainer.TryGetValue(st.Groups["id"].Value, out var owner))
            {
                Add(owner, "StartContainer", "start/" + st.Groups["id"].Value, at);
            }
            else if (ContainerStartRequested().Match(msg) is { Success: true } sq2)
            {
                pending["start/" + sq2.Groups["id"].Value] = at;
            }
        }
        return calls;
    }

    /// <summary>containerd writes RFC 3339 with nanoseconds; .NET parses at most 7 fractional digits.</summary>
    private static DateTimeOffset ParseTime(string value)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && value.EndsWith('Z') && value.Length - dot - 2 > 7)
        {
            value = value[..(dot + 8)] + "Z";
        }
        return DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    [GeneratedRegex("""^time="(?<time>[^"]+)" level=\w+ msg="(?<msg>(?:[^"\\]|\\.)*)"$""")]
    private static partial Regex LinePattern();

    [GeneratedRegex("""^RunPodSandbox for &PodSandboxMetadata\{Name:(?<pod>[^,]+),.* returns sandbox id \\"(?<id>\w+)\\"$""")]
    private static partial Regex SandboxReturned();

    [GeneratedRegex("""^RunPodSandbox for &PodSandboxMetadata\{Name:(?<pod>[^,]+),[^}]*\}$""")]
    private static partial Regex SandboxRequested();

    [GeneratedRegex("""^CreateContainer within sandbox \\"(?<sandbox>\w+)\\" for &ContainerMetadata\{Name:(?<name>[^,]+),.* returns container id \\"(?<id>\w+)\\"$""")]
    private static partial Regex ContainerCreated();

    [GeneratedRegex("""^CreateContainer within sandbox \\"(?<sandbox>\w+)\\" for container &ContainerMetadata\{Name:(?<name>[^,]+),[^}]*\}$""")]
    private static partial Regex ContainerCreateRequested();

    [GeneratedRegex("""^StartContainer for \\"(?<id>\w+)\\" returns successfully$""")]
    private static partial Regex ContainerStarted();

    [GeneratedRegex("""^StartContainer for \\"(?<id>\w+)\\"$""")]
    private static partial Regex ContainerStartRequested();
}
