using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EdgeNode.Core.Manifests;

/// <summary>Builds JSON nodes straight from YamlDotNet's parsing events (one instance per text).</summary>
internal sealed partial class YamlToJsonConverter
{
    private const int MaxDepth = 64;

    // Bounds what aliases may expand to ("billion laughs").
    private const int MaxValuesPerDocument = 1_000_000;

    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    private readonly Parser parser;
    private readonly Dictionary<string, (JsonNode? Node, int Size)> anchors = new(StringComparer.Ordinal);
    private ParsingEvent current = null!;
    private int values;

    public YamlToJsonConverter(string text)
    {
        parser = new Parser(new StringReader(text));
    }

    public List<JsonNode?> ReadStream()
    {
        Advance();
        Expect<StreamStart>();
        var documents = new List<JsonNode?>();
        while (current is not StreamEnd)
        {
            Expect<DocumentStart>();
            anchors.Clear();
            values = 0;
            documents.Add(ReadNode(depth: 0, out _));
            Expect<DocumentEnd>();
        }
        return documents;
    }

    private JsonNode? ReadNode(int depth, out int size)
    {
        var start = current.Start;
        if (depth > MaxDepth)
        {
            throw Error(start, $"the document is nested more than {MaxDepth} levels deep: flatten it");
        }
        JsonNode? node;
        string? anchor;
        switch (current)
        {
            case AnchorAlias alias:
                Advance();
                if (!anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw Error(start, $"alias *{alias.Value.Value} refers to no anchor defined before it (an alias cannot point into the node that contains it): define &{alias.Value.Value} earlier");
                }
                Count(target.Size, start);
                size = target.Size;
                return target.Node?.DeepClone();
            case Scalar scalar:
                Advance();
                anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
                node = ResolveScalar(scalar);
                size = 1;
                break;
            case SequenceStart sequence:
                Advance();
                CheckCollectionTag(sequence.Tag, "seq", start);
                anchor = sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value;
                node = ReadSequence(depth, out size);
                break;
            case MappingStart mapping:
                Advance();
                CheckCollectionTag(mapping.Tag, "map", start);
                anchor = mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value;
                node = ReadMapping(depth, out size);
                break;
            default:
                throw Error(start, $"unexpected {current.GetType().Name}: check the YAML structure");
        }
        Count(1, start);
        if (anchor is not null)
        {
            // A private copy, so that later merges into the returned node cannot change what aliases see.
            anchors[anchor] = (node?.DeepClone(), size);
        }
        return node;
    }

    private JsonArray ReadSequence(int depth, out int size)
    {
        var array = new JsonArray();
        size = 1;
        while (current is not SequenceEnd)
        {
            array.Add(ReadNode(depth + 1, out var itemSize));
            size += itemSize;
        }
        Advance();
        return array;
    }

    private JsonObject ReadMapping(int depth, out int size)
    {
        var mapping = new JsonObject();
        var keyLines = new Dictionary<string, long>(StringComparer.Ordinal);
        var merged = new List<JsonObject>();
        size = 1;
        while (current is not MappingEnd)
        {
            if (current is not Scalar key)
            {
                throw Error(current.Start, "a mapping key must be a plain value, not a list, mapping or alias: write the key as text");
            }
            Advance();
            if (!keyLines.TryAdd(key.Value, key.Start.Line))
            {
                throw Error(key.Start, $"duplicate key \"{key.Value}\" (first at line {keyLines[key.Value]}): remove one of them");
            }
            var valueStart = current.Start;
            var value = ReadNode(depth + 1, out var valueSize);
            size += valueSize;
            if (key.Style == ScalarStyle.Plain && key.Tag.IsEmpty && key.Value == "<<")
            {
                merged.AddRange(MergeSources(value, valueStart));
            }
            else
            {
                mapping[key.Value] = value;
            }
        }
        Advance();

        // Keys written in the mapping win over merged ones; earlier merge sources win over later ones.
        foreach (var source in merged)
        {
            foreach (var (name, value) in source.ToList())
            {
                source.Remove(name);
                if (!mapping.ContainsKey(name))
                {
                    mapping[name] = value;
                }
            }
        }
        return mapping;
    }

    private IEnumerable<JsonObject> MergeSources(JsonNode? value, Mark start) => value switch
    {
        JsonObject single => [single],
        JsonArray many when many.All(item => item is JsonObject) => many.Select(item => (JsonObject)item!).ToList(),
        _ => throw Error(start, "the value of a '<<' merge key must be a mapping or a list of mappings: fix the alias after '<<'"),
    };

    private JsonNode? ResolveScalar(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Tag.IsEmpty)
        {
            return scalar.Style == ScalarStyle.Plain ? ResolvePlain(text, scalar.Start) : JsonValue.Create(text);
        }
        var tag = scalar.Tag.Value;
        return tag switch
        {
            "!" or CoreTagPrefix + "str" => JsonValue.Create(text),
            CoreTagPrefix + "null" when IsNull(text) => null,
            CoreTagPrefix + "bool" when TryBool(text, out var flag) => JsonValue.Create(flag),
            CoreTagPrefix + "int" when TryNumber(text, integerOnly: true, out var integer) => integer,
            CoreTagPrefix + "float" when TryNumber(text, integerOnly: false, out var number) => number,
            CoreTagPrefix + "null" or CoreTagPrefix + "bool" or CoreTagPrefix + "int" or CoreTagPrefix + "float" =>
                throw Error(scalar.Start, $"\"{text}\" is not a valid {ShortTag(tag)}: fix the value or remove the tag"),
            _ => throw Error(scalar.Start, $"tag {ShortTag(tag)} is not supported: remove it (supported: !!str, !!int, !!float, !!bool, !!null)"),
        };
    }

    private JsonNode? ResolvePlain(string text, Mark start)
    {
        if (IsNull(text))
        {
            return null;
        }
        if (TryBool(text, out var flag))
        {
            return JsonValue.Create(flag);
        }
        if (TryNumber(text, integerOnly: false, out var number))
        {
            return number;
        }
        if (SpecialFloat().IsMatch(text))
        {
            throw Error(start, $"{text} has no JSON equivalent: quote it if it is meant as text");
        }
        return JsonValue.Create(text);
    }

    private static bool IsNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    private static bool TryBool(string text, out bool value)
    {
        value = text is "true" or "True" or "TRUE";
        return value || text is "false" or "False" or "FALSE";
    }

    /// <summary>
    /// Decimal, octal (0o17) and hexadecimal (0x1F) numbers, rewritten into JSON number syntax without
    /// losing digits (+1 → 1, .5 → 0.5, 007 → 7, 0x1F → 31).
    /// </summary>
    private static bool TryNumber(string text, bool integerOnly, out JsonNode? number)
    {
        number = null;
        if (OctalInteger().IsMatch(text))
        {
            number = NumberNode(text[2..].Aggregate(BigInteger.Zero, (acc, digit) => (acc * 8) + (digit - '0')).ToString(CultureInfo.InvariantCulture));
            return true;
        }
        if (HexInteger().IsMatch(text))
        {
            number = NumberNode(BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
            return true;
        }
        var match = DecimalNumber().Match(text);
        if (!match.Success || (integerOnly && (match.Groups["dot"].Success || match.Groups["exp"].Success)))
        {
            return false;
        }
        var integer = match.Groups["int"].Value.TrimStart('0');
        var fraction = match.Groups["frac"].Value;
        number = NumberNode((match.Groups["sign"].Value == "-" ? "-" : "")
            + (integer.Length == 0 ? "0" : integer)
            + (match.Groups["dot"].Success ? "." + (fraction.Length == 0 ? "0" : fraction) : "")
            + match.Groups["exp"].Value);
        return true;
    }

    private static JsonValue NumberNode(string json) => JsonValue.Create(JsonElement.Parse(json))!;

    private static void CheckCollectionTag(TagName tag, string expected, Mark start)
    {
        if (!tag.IsEmpty && tag.Value != "!" && tag.Value != CoreTagPrefix + expected)
        {
            throw Error(start, $"tag {ShortTag(tag.Value)} is not supported here: remove it");
        }
    }

    private void Count(int added, Mark start)
    {
        values += added;
        if (values > MaxValuesPerDocument)
        {
            throw Error(start, $"aliases expand the document to more than {MaxValuesPerDocument} values: use fewer aliases");
        }
    }

    private void Expect<T>()
        where T : ParsingEvent
    {
        if (current is not T)
        {
            throw Error(current.Start, $"unexpected {current.GetType().Name}: check the YAML structure");
        }
        Advance();
    }

    private void Advance()
    {
        try
        {
            if (!parser.MoveNext())
            {
                throw Error(current?.End ?? Mark.Empty, "the YAML ends unexpectedly: complete the last entry");
            }
        }
        catch (YamlException e)
        {
            throw Invalid(e.Start, e.Message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unclosed flow collections ("[1, 2").
            throw Invalid(current?.End ?? Mark.Empty, "unexpected text after this point");
        }
        current = parser.Current!;
    }

    private static string ShortTag(string tag) => tag.StartsWith(CoreTagPrefix, StringComparison.Ordinal) ? "!!" + tag[CoreTagPrefix.Length..] : tag;

    private static YamlJsonException Invalid(Mark at, string detail)
    {
        detail = detail.TrimEnd('.');
        if (detail.Length > 0)
        {
            detail = char.ToLowerInvariant(detail[0]) + detail[1..];
        }
        return Error(at, $"the syntax is invalid ({detail}): check the indentation, the ':' after each key and that quotes and brackets are closed");
    }

    private static YamlJsonException Error(Mark at, string reason) => new((int)at.Line, (int)at.Column, reason);

    [GeneratedRegex(@"^(?<sign>[-+]?)(?:(?<int>)(?<dot>\.)(?<frac>[0-9]+)|(?<int>[0-9]+)(?:(?<dot>\.)(?<frac>[0-9]*))?)(?<exp>[eE][-+]?[0-9]+)?$")]
    private static partial Regex DecimalNumber();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalInteger();

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex HexInteger();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex SpecialFloat();
}
