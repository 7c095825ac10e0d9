using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Json;

/// <summary>Quantities arrive as strings ("64Mi") or bare numbers (cpu: 1) and are written as strings.</summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => reader.GetDecimal().ToString(CultureInfo.InvariantCulture),
            _ => throw new JsonException("must be a quantity such as 500m, 128Mi or 2"),
        };
        return Quantity.TryParse(text, out var q)
            ? q
            : throw new JsonException($"\"{text}\" is not a valid quantity (examples: 500m, 128Mi, 2)");
    }

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
