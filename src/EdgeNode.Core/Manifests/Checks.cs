namespace EdgeNode.Core.Manifests;

/// <summary>Small checks shared by the validators; each adds one sentence per failure.</summary>
internal static class Checks
{
    public const long MaxId = int.MaxValue;

    public static void OneOf(List<string> problems, string field, string? value, params string[] allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            problems.Add($"{field} \"{value}\" is not valid: use one of {string.Join(", ", allowed.Select(a => a.Length == 0 ? "\"\"" : a))}");
        }
    }

    /// <summary>A DNS-1123 label (at most 63 characters) or subdomain (at most 253); the value is not echoed when it is too long.</summary>
    public static void DnsName(List<string> problems, string field, string value, bool label, string fix)
    {
        var (valid, kind, maximum, rule) = label
            ? (Dns1123.IsLabel(value), "label", 63, Dns1123.LabelRule)
            : (Dns1123.IsSubdomain(value), "subdomain", 253, Dns1123.SubdomainRule);
        if (valid)
        {
            return;
        }
        problems.Add(value.Length > maximum
            ? $"{field} is {value.Length} characters long, more than the {maximum} a DNS-1123 {kind} may have: {fix}"
            : $"{field} \"{value}\" is not a valid DNS-1123 {kind} ({rule}): {fix}");
    }

    public static void AtLeast(List<string> problems, string field, long? value, long minimum)
    {
        if (value < minimum)
        {
            problems.Add(minimum == 0
                ? $"{field} {value} must not be negative: use 0 or more"
                : $"{field} {value} must be at least {minimum}: raise it");
        }
    }

    public static void Id(List<string> problems, string field, long? value)
    {
        if (value is < 0 or > MaxId)
        {
            problems.Add($"{field} {value} is not a valid ID: use a number from 0 to {MaxId}");
        }
    }

    public static void AbsolutePath(List<string> problems, string field, string? path, string what)
    {
        if (string.IsNullOrEmpty(path))
        {
            problems.Add($"{field} is missing: set the {what} as an absolute path");
        }
        else if (!path.StartsWith('/'))
        {
            problems.Add($"{field} \"{path}\" is not an absolute path: start it with '/'");
        }
    }
}
