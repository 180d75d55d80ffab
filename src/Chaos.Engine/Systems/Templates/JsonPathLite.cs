using System.Globalization;
using System.Text.Json;

namespace Chaos.Engine.Systems.Templates;

/// <summary>
/// A small subset of JSONPath for captures: <c>$</c> followed by <c>.name</c> and <c>[index]</c> steps, for example
/// <c>$.id</c> or <c>$.items[0].sku</c>. Parsed once at load time.
/// </summary>
public sealed class JsonPathLite
{
    private readonly (string? Property, int Index)[] _steps;

    private JsonPathLite(string text, (string? Property, int Index)[] steps)
    {
        Text = text;
        _steps = steps;
    }

    /// <summary>Gets the path as written.</summary>
    public string Text { get; }

    /// <summary>Parses a path.</summary>
    /// <param name="text">The path, for example <c>$.items[0].sku</c>.</param>
    /// <param name="path">The path, or null.</param>
    /// <param name="problem">What is wrong and how to fix it, or null.</param>
    /// <returns>Whether the text is a path.</returns>
    public static bool TryParse(string text, out JsonPathLite? path, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        path = null;
        problem = null;
        const string Forms = "write it like $.id or $.items[0].sku";
        if (!text.StartsWith('$'))
        {
            problem = $"\"{text}\" is not a JSON path; start it at the answer's root $, {Forms}.";
            return false;
        }

        var steps = new List<(string?, int)>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var end = i + 1;
                while (end < text.Length && text[end] is not '.' and not '[')
                {
                    end++;
                }

                if (end == i + 1)
                {
                    problem = $"\"{text}\" has an empty name after a dot at position {i + 1}; {Forms}.";
                    return false;
                }

                steps.Add((text[(i + 1)..end], 0));
                i = end;
            }
            else if (text[i] == '[')
            {
                var end = text.IndexOf(']', i);
                if (end < 0 || !int.TryParse(text.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    problem = $"\"{text}\" has a bad index at position {i + 1}; an index is a whole number in brackets, {Forms}.";
                    return false;
                }

                steps.Add((null, index));
                i = end + 1;
            }
            else
            {
                problem = $"\"{text}\" has \"{text[i]}\" at position {i + 1} where a . or [ belongs; {Forms}.";
                return false;
            }
        }

        path = new JsonPathLite(text, [.. steps]);
        return true;
    }

    /// <summary>
    /// Finds the value in a JSON answer, as text: a string's value, or a number's or boolean's JSON text; an object or
    /// array as its JSON text. A missing value or a JSON null is not found.
    /// </summary>
    /// <param name="root">The answer's root element.</param>
    /// <param name="value">The value, or null.</param>
    /// <returns>Whether the value was found.</returns>
    public bool TryEvaluate(JsonElement root, out string? value)
    {
        value = null;
        var current = root;
        foreach (var (property, index) in _steps)
        {
            if (property is not null)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(property, out current))
                {
                    return false;
                }
            }
            else if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
            {
                return false;
            }
            else
            {
                current = current[index];
            }
        }

        value = current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => current.GetRawText(),
        };
        return value is not null;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
