using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeNode.Core.Pods;

namespace EdgeNode.Core.Json;

public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var n) => new IntOrString(n),
            JsonTokenType.String => new IntOrString(reader.GetString()!),
            _ => throw new JsonException("must be a port number or a port name"),
        };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.Number is { } n)
        {
            writer.WriteNumberValue(n);
        }
        else
        {
            writer.WriteStringValue(value.Name);
        }
    }
}
