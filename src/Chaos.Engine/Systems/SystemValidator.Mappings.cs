using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Systems;

/// <summary>A dependency's <c>mappings:</c>: WireMock.Net JSON mapping files, found and checked at load time.</summary>
internal static partial class SystemValidator
{
    private static readonly JsonDocumentOptions MappingJson = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>
    /// Validates <c>mappings:</c>, a folder (every <c>*.json</c> in it) or a list of files, relative to the system file;
    /// each file must hold a WireMock.Net JSON mapping, or a list of them, each with a <c>request</c> and a <c>response</c>.
    /// </summary>
    /// <param name="errors">Receives every problem.</param>
    /// <param name="node">The value of <c>mappings:</c>.</param>
    /// <param name="field">Its path, for messages.</param>
    /// <param name="baseDirectory">The folder paths are relative to.</param>
    /// <returns>The files' absolute paths, in load order, or null.</returns>
    public static IReadOnlyList<string>? ValidateMappings(LoadErrors errors, YamlNode node, string field, string baseDirectory)
    {
        const string Example = "mappings: mappings/bank (a folder) or mappings: [mappings/bank/transfers.json]";
        var before = errors.Count;
        var files = new List<string>();
        if (node is YamlSequenceNode list)
        {
            if (list.Children.Count == 0)
            {
                errors.Add(node, field, $"is an empty list; write it like {Example}.");
            }

            for (var i = 0; i < list.Children.Count; i++)
            {
                if (YamlValues.Text(errors, list.Children[i], $"{field}[{i}]", Example) is not { } text)
                {
                    continue;
                }

                var full = Path.GetFullPath(Path.Combine(baseDirectory, text));
                if (!File.Exists(full))
                {
                    var hint = Directory.Exists(full) ? "it is a folder; write the folder alone (mappings: " + text + ") instead of a list" : "paths are relative to the system file's folder";
                    errors.Add(list.Children[i], $"{field}[{i}]", $"the file \"{text}\" does not exist ({full}); {hint}.");
                    continue;
                }

                if (ValidateMappingFile(errors, list.Children[i], $"{field}[{i}]", text, full))
                {
                    files.Add(full);
                }
            }
        }
        else if (YamlValues.Text(errors, node, field, Example) is { } text)
        {
            var full = Path.GetFullPath(Path.Combine(baseDirectory, text));
            if (Directory.Exists(full))
            {
                var found = Directory.GetFiles(full, "*.json").Order(StringComparer.Ordinal).ToArray();
                if (found.Length == 0)
                {
                    errors.Add(node, field, $"the folder \"{text}\" holds no .json mapping files; add WireMock.Net JSON mappings there, like {text}/healthy.json.");
                }

                foreach (var file in found)
                {
                    if (ValidateMappingFile(errors, node, field, Path.Combine(text, Path.GetFileName(file)), file))
                    {
                        files.Add(file);
                    }
                }
            }
            else if (File.Exists(full))
            {
                if (ValidateMappingFile(errors, node, field, text, full))
                {
                    files.Add(full);
                }
            }
            else
            {
                errors.Add(node, field, $"\"{text}\" is neither a folder nor a file ({full}); paths are relative to the system file's folder.");
            }
        }

        return errors.Count > before ? null : files;
    }

    /// <summary>Checks one mapping file; problems name the file and its line (<c>mappings/bank/x.json:3: ...</c>).</summary>
    private static bool ValidateMappingFile(LoadErrors errors, YamlNode node, string field, string shown, string full)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(node, field, $"{shown}: cannot read the file ({ex.Message.TrimEnd('.')}); check its permissions.");
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, MappingJson);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var reason = ex.Message.Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
            errors.Add(node, field, $"{shown}:{line}: not valid JSON ({reason}); fix the JSON there (WireMock.Net's JSON mapping format).");
            return false;
        }

        using (document)
        {
            var starts = MappingStarts(bytes);
            var root = document.RootElement;
            var mappings = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().ToArray(),
                JsonValueKind.Object => [root],
                _ => [],
            };
            if (mappings.Length == 0)
            {
                errors.Add(node, field, $"{shown}:1: holds no mapping; write a WireMock.Net mapping, an object like {{ \"request\": {{ \"methods\": [\"POST\"], \"path\": \"/v1/transfers\" }}, \"response\": {{ \"status\": 201 }} }}, or a list of them.");
                return false;
            }

            var ok = true;
            for (var i = 0; i < mappings.Length; i++)
            {
                var line = i < starts.Count ? starts[i] : 1;
                var which = root.ValueKind == JsonValueKind.Array ? $"mapping [{i}]" : "the mapping";
                if (mappings[i].ValueKind != JsonValueKind.Object)
                {
                    errors.Add(node, field, $"{shown}:{line}: {which} is not an object; write it like {{ \"request\": {{ ... }}, \"response\": {{ ... }} }}.");
                    ok = false;
                    continue;
                }

                foreach (var part in (string[])["request", "response"])
                {
                    if (!HasObject(mappings[i], part))
                    {
                        var example = part == "request" ? "\"request\": { \"methods\": [\"POST\"], \"path\": \"/v1/transfers\" }" : "\"response\": { \"status\": 201 }";
                        errors.Add(node, field, $"{shown}:{line}: {which} has no \"{part}\" object; add {example} (WireMock.Net's JSON mapping format).");
                        ok = false;
                    }
                }
            }

            return ok;
        }
    }

    // WireMock.Net reads mapping files with Newtonsoft.Json, whose property names are case-insensitive ("Request" too).
    private static bool HasObject(JsonElement mapping, string name)
    {
        foreach (var property in mapping.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Object)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The 1-based line of each mapping: the root object, or each object of a root array.</summary>
    private static List<int> MappingStarts(byte[] bytes)
    {
        var starts = new List<int>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var rootIsArray = false;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.StartArray)
            {
                rootIsArray = true;
            }
            else if ((rootIsArray ? reader.CurrentDepth == 1 : reader.CurrentDepth == 0) && reader.TokenType is not JsonTokenType.EndArray and not JsonTokenType.EndObject)
            {
                starts.Add(LineAt(bytes, (int)reader.TokenStartIndex));
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                if (!rootIsArray)
                {
                    break;
                }
            }
        }

        return starts;
    }

    private static int LineAt(byte[] bytes, int offset) => 1 + bytes.AsSpan(0, Math.Min(offset, bytes.Length)).Count((byte)'\n');
}
