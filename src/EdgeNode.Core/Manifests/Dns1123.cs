using System.Text.RegularExpressions;

namespace EdgeNode.Core.Manifests;

/// <summary>The Kubernetes name rules (RFC 1123 labels and subdomains, IANA service names).</summary>
public static partial class Dns1123
{
    public const string LabelRule = "lower-case letters, digits and '-', at most 63 characters";
    public const string SubdomainRule = "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters";

    public static bool IsLabel(string? value) => value is { Length: > 0 and <= 63 } && LabelPattern().IsMatch(value);

    public static bool IsSubdomain(string? value) => value is { Length: > 0 and <= 253 } && SubdomainPattern().IsMatch(value);

    /// <summary>A port name: at most 15 characters, at least one letter, no leading, trailing or double '-'.</summary>
    public static bool IsPortName(string? value) =>
        value is { Length: > 0 and <= 15 }
        && LabelPattern().IsMatch(value)
        && value.Any(char.IsAsciiLetterLower)
        && !value.Contains("--", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();
}
