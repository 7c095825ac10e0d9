namespace EdgeNode.Core.Manifests;

/// <summary>YAML that cannot become JSON. <see cref="Exception.Message"/> reads "line L, column C: reason: fix".</summary>
public sealed class YamlJsonException : Exception
{
    public YamlJsonException(int line, int column, string reason)
        : base($"line {line}, column {column}: {reason}")
    {
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>1-based.</summary>
    public int Line { get; }

    /// <summary>1-based.</summary>
    public int Column { get; }

    public string Reason { get; }
}
