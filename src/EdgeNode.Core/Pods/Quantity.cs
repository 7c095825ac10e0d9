using System.Globalization;
using System.Text.Json.Serialization;
using EdgeNode.Core.Json;

namespace EdgeNode.Core.Pods;

/// <summary>
/// A Kubernetes resource quantity ("500m", "64Mi", "1.5", "2e3"). Keeps the text the user wrote for
/// display and the exact decimal value for arithmetic.
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly record struct Quantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 0.000000001m), ("u", 0.000001m), ("m", 0.001m), ("k", 1000m), ("M", 1_000_000m),
        ("G", 1_000_000_000m), ("T", 1_000_000_000_000m), ("P", 1_000_000_000_000_000m),
        ("E", 1_000_000_000_000_000_000m),
    ];

    public Quantity(decimal value, string text)
    {
        Value = value;
        Text = text;
    }

    public decimal Value { get; }
    public string Text { get; }

    /// <summary>The value in thousandths, rounded up as Kubernetes does (cpu "100m" → 100).</summary>
    public long MilliValue => (long)Math.Ceiling(Value * 1000m);

    /// <summary>The value in whole units, rounded up (memory "1.5Ki" → 1536).</summary>
    public long WholeValue => (long)Math.Ceiling(Value);

    public static Quantity FromWhole(long value) => new(value, value.ToString(CultureInfo.InvariantCulture));

    public static bool TryParse(string? text, out Quantity quantity)
    {
        quantity = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }
        var s = text.Trim();
        decimal factor = 1m;
        var number = s;
        var exponent = s.IndexOfAny(['e', 'E']);
        if (exponent > 0 && exponent < s.Length - 1 && (char.IsDigit(s[exponent + 1]) || s[exponent + 1] is '+' or '-'))
        {
            if (!int.TryParse(s[(exponent + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var e) || e is > 18 or < -9)
            {
                return false;
            }
            factor = Pow10(e);
            number = s[..exponent];
        }
        else
        {
            foreach (var (suffix, f) in Suffixes)
            {
                if (s.EndsWith(suffix, StringComparison.Ordinal))
                {
                    factor = f;
                    number = s[..^suffix.Length];
                    break;
                }
            }
        }
        if (number.Length == 0 || !decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var mantissa))
        {
            return false;
        }
        try
        {
            quantity = new Quantity(mantissa * factor, s);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    public static Quantity Parse(string text) =>
        TryParse(text, out var q) ? q : throw new FormatException($"\"{text}\" is not a valid quantity (examples: 500m, 128Mi, 2)");

    public override string ToString() => Text ?? Value.ToString(CultureInfo.InvariantCulture);

    private static decimal Pow10(int e)
    {
        var r = 1m;
        for (var i = 0; i < Math.Abs(e); i++)
        {
            r *= 10m;
        }
        return e >= 0 ? r : 1m / r;
    }
}
