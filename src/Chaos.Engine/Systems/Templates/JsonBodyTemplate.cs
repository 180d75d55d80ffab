using System.Buffers;
using System.Text.Json;

namespace Chaos.Engine.Systems.Templates;

/// <summary>
/// A JSON body written in YAML: maps become objects, lists arrays, plain numbers, <c>true</c>, <c>false</c> and
/// <c>null</c> stay JSON values, and every other scalar is a string <see cref="Template"/>. A string that is only
/// <c>{{user.id}}</c> or <c>{{random.int(a,b)}}</c> is written as a number.
/// </summary>
public sealed class JsonBodyTemplate
{
    private readonly JsonBodyNode _root;

    internal JsonBodyTemplate(JsonBodyNode root) => _root = root;

    /// <summary>Renders the body as UTF-8 JSON.</summary>
    /// <param name="scope">The journey run's values.</param>
    /// <param name="buffer">Receives the JSON (the caller clears and reuses it).</param>
    public void WriteTo(TemplateScope scope, IBufferWriter<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(scope);
        using var writer = new Utf8JsonWriter(buffer);
        Write(writer, _root, scope);
        writer.Flush();
    }

    /// <summary>Renders the body as a JSON text (for tests and messages).</summary>
    /// <param name="scope">The journey run's values.</param>
    public string Render(TemplateScope scope)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteTo(scope, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonBodyNode node, TemplateScope scope)
    {
        switch (node)
        {
            case JsonBodyNode.Object obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.Properties)
                {
                    writer.WritePropertyName(name);
                    Write(writer, value, scope);
                }

                writer.WriteEndObject();
                break;
            case JsonBodyNode.Array array:
                writer.WriteStartArray();
                foreach (var item in array.Items)
                {
                    Write(writer, item, scope);
                }

                writer.WriteEndArray();
                break;
            case JsonBodyNode.Raw raw:
                writer.WriteRawValue(raw.Json, skipInputValidation: true);
                break;
            case JsonBodyNode.Text { Value.IsWholeNumber: true } number:
                writer.WriteNumberValue(number.Value.RenderWholeNumber(scope));
                break;
            case JsonBodyNode.Text text:
                writer.WriteStringValue(text.Value.Render(scope));
                break;
        }
    }
}

/// <summary>A node of a <see cref="JsonBodyTemplate"/>.</summary>
internal abstract record JsonBodyNode
{
    /// <summary>A JSON object.</summary>
    internal sealed record Object(KeyValuePair<string, JsonBodyNode>[] Properties) : JsonBodyNode;

    /// <summary>A JSON array.</summary>
    internal sealed record Array(JsonBodyNode[] Items) : JsonBodyNode;

    /// <summary>A JSON number, boolean or null, written as it is.</summary>
    internal sealed record Raw(string Json) : JsonBodyNode;

    /// <summary>A string template.</summary>
    internal sealed record Text(Template Value) : JsonBodyNode;
}
