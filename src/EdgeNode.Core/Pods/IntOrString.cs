using System.Globalization;
using System.Text.Json.Serialization;
using EdgeNode.Core.Json;

namespace EdgeNode.Core.Pods;

/// <summary>A port given as a number (8080) or as the name of a container port ("http").</summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly record struct IntOrString
{
    public IntOrString(int number)
    {
        Number = number;
        Name = null;
    }

    public IntOrString(string name)
    {
        Number = null;
        Name = name;
    }

    public int? Number { get; }
    public string? Name { get; }

    public override string ToString() => Name ?? Number?.ToString(CultureInfo.InvariantCulture) ?? "";
}
