using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Scenarios;

/// <summary>Typed reading of YAML nodes: each reader reports a wrong type or value and returns null.</summary>
internal sealed partial class ScenarioReader
{
    private const string DurationForms = "30s, 250ms, 2m or 00:00:30";

    private static int Line(YamlNode node) => (int)node.Start.Line;

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static bool IsQuoted(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;

    /// <summary>The value as written, for messages: plain scalars as they are, quoted ones and text in quotes.</summary>
    private static string Raw(YamlNode node)
    {
        if (node is not YamlScalarNode scalar)
        {
            return Describe(node);
        }

        var value = scalar.Value ?? "";
        if (value.Length > 40)
        {
            value = value[..37] + "...";
        }

        value = value.Replace("\n", "\\n", StringComparison.Ordinal);
        var plainNumberOrDuration = !IsQuoted(scalar)
            && (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || DurationParser.TryParse(value, out _));
        return plainNumberOrDuration ? value : $"\"{value}\"";
    }

    /// <summary>What a node is, for "expected X, got Y" messages.</summary>
    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a map",
        YamlSequenceNode => "a list",
        _ when IsNull(node) => "no value",
        YamlScalarNode scalar when IsQuoted(scalar) => $"the text {Raw(node)}",
        _ => Raw(node),
    };

    private void Report(YamlNode node, string field, string message) => Report(node.Start, field, message);

    private void Report(Mark mark, string field, string message) => Report((int)mark.Line, (int)mark.Column, field, message);

    private void Report(int line, int column, string field, string message) =>
        _errors.Add(new ScenarioError(file, line, column, field, message));

    private YamlMappingNode? ExpectMap(YamlNode node, string field, string example)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }

        Report(node, field, $"expected a map, got {Describe(node)}; write it like {example}.");
        return null;
    }

    private YamlSequenceNode? ExpectList(YamlNode node, string field, string example)
    {
        if (node is YamlSequenceNode list)
        {
            return list;
        }

        Report(node, field, $"expected a list, got {Describe(node)}; write it like {example}.");
        return null;
    }

    private string? ReadText(YamlNode node, string field, string example)
    {
        if (node is YamlScalarNode { Value: { } value } && !IsNull(node))
        {
            return value;
        }

        Report(node, field, $"expected text, got {Describe(node)}; write it like {example}.");
        return null;
    }

    private int? ReadInt(YamlNode node, string field, string example)
    {
        if (node is YamlScalarNode { Value: { } text } scalar && !IsNull(node))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                if (IsQuoted(scalar))
                {
                    Report(node, field, $"expected a whole number, got the text {Raw(node)}; remove the quotes.");
                    return null;
                }

                if (number is < int.MinValue or > int.MaxValue)
                {
                    Report(node, field, $"{text} is too large; use a whole number between {int.MinValue} and {int.MaxValue}.");
                    return null;
                }

                return (int)number;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                Report(node, field, $"{Raw(node)} is not a whole number; write it like {example}.");
                return null;
            }
        }

        Report(node, field, $"expected a whole number, got {Describe(node)}; write it like {example}.");
        return null;
    }

    private double? ReadNumber(YamlNode node, string field, string example)
    {
        if (node is YamlScalarNode { Value: { } text } scalar && !IsNull(node))
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                if (IsQuoted(scalar))
                {
                    Report(node, field, $"expected a number, got the text {Raw(node)}; remove the quotes.");
                    return null;
                }

                return number;
            }

            if (text.EndsWith('%') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
            {
                var fraction = (percent / 100).ToString("0.####", CultureInfo.InvariantCulture);
                Report(node, field, $"{Raw(node)} is not a number; write a share as a fraction, {fraction} for {text}.");
                return null;
            }
        }

        Report(node, field, $"expected a number, got {Describe(node)}; write it like {example}.");
        return null;
    }

    private TimeSpan? ReadDuration(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: { } text } && !IsNull(node))
        {
            if (DurationParser.TryParse(text, out var duration))
            {
                return duration;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                Report(node, field, $"{text} has no unit; write {text.Trim()}s for seconds or {text.Trim()}ms for milliseconds.");
                return null;
            }

            Report(node, field, $"{Raw(node)} is not a duration; write it like {DurationForms}.");
            return null;
        }

        Report(node, field, $"expected a duration, got {Describe(node)}; write it like {DurationForms}.");
        return null;
    }

    /// <summary>Reads a duration and checks it is above zero (or at least zero).</summary>
    private TimeSpan? ReadDuration(YamlNode node, string field, bool allowZero, string what)
    {
        if (ReadDuration(node, field) is not { } duration)
        {
            return null;
        }

        if (duration < TimeSpan.Zero || (!allowZero && duration == TimeSpan.Zero))
        {
            var problem = duration < TimeSpan.Zero ? "is negative" : "is zero";
            Report(node, field, $"{Raw(node)} {problem}; {what}.");
            return null;
        }

        return duration;
    }

    /// <summary>"x" is not a thing; did you mean y? Use a, b or c.</summary>
    private static string NotOneOf(string value, string thing, IReadOnlyList<string> known)
    {
        var suggestion = DidYouMean.Find(value, known);
        var hint = suggestion is null ? "" : $"did you mean {suggestion}? ";
        var use = known.Count == 0 ? "" : (hint.Length > 0 ? "Use " : "use ") + DidYouMean.Either(known) + ".";
        return $"\"{value}\" is not {thing}; {hint}{use}".TrimEnd(' ', ';');
    }

    private bool CheckKebab(YamlNode node, string field, string name, string example)
    {
        if (KebabCase().IsMatch(name))
        {
            return true;
        }

        var suggestion = ToKebab(name);
        var like = suggestion.Length > 0 && suggestion != name ? suggestion : example;
        Report(node, field, $"\"{name}\" is not kebab-case; use lower-case words and digits joined by hyphens, like {like}.");
        return false;
    }

    private static string ToKebab(string name)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (char.IsAsciiLetterUpper(c) && i > 0 && char.IsAsciiLetterLower(name[i - 1]))
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    /// <summary>
    /// A YAML map with a known set of keys. Unknown keys are reported when it is created (with a suggestion, or
    /// with the place a misplaced key belongs); values are looked up by key afterwards.
    /// </summary>
    private sealed class MapView
    {
        private readonly ScenarioReader _reader;
        private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

        public MapView(
            ScenarioReader reader,
            YamlMappingNode node,
            string path,
            IReadOnlyList<string> known,
            IReadOnlyDictionary<string, string>? misplaced = null)
        {
            _reader = reader;
            Node = node;
            Path = path;
            foreach (var (key, value) in node.Children)
            {
                if (key is not YamlScalarNode { Value: { } name } || IsNull(key))
                {
                    reader.Report(key, path, $"a key must be a plain name, got {Describe(key)}; write keys like {DidYouMean.Either(known)}.");
                    continue;
                }

                if (known.Contains(name))
                {
                    _entries[name] = (key, value);
                }
                else if (misplaced is not null && misplaced.TryGetValue(name, out var where))
                {
                    reader.Report(key, Field(name), where);
                }
                else
                {
                    var suggestion = DidYouMean.Find(name, known);
                    var hint = suggestion is null ? "remove it, or use" : $"did you mean {suggestion}? The keys here are";
                    reader.Report(key, Field(name), $"unknown key; {hint} {DidYouMean.Either(known)}.");
                }
            }
        }

        public YamlMappingNode Node { get; }

        public string Path { get; }

        public string Field(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

        public bool Has(string key) => _entries.ContainsKey(key);

        /// <summary>Gets a key's key node (for messages about the key itself), if present.</summary>
        public YamlNode? KeyNode(string key) => _entries.TryGetValue(key, out var entry) ? entry.Key : null;

        /// <summary>Gets a value that is present and not null.</summary>
        public bool TryGet(string key, [NotNullWhen(true)] out YamlNode? value)
        {
            value = _entries.TryGetValue(key, out var entry) && !IsNull(entry.Value) ? entry.Value : null;
            return value is not null;
        }

        /// <summary>Gets a required value; reports it missing or empty, with an example of what to write.</summary>
        public YamlNode? Required(string key, string example)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                _reader.Report(Node, Field(key), $"is missing; add it, like {example}.");
                return null;
            }

            if (IsNull(entry.Value))
            {
                _reader.Report(entry.Key, Field(key), $"has no value; write it like {example}.");
                return null;
            }

            return entry.Value;
        }
    }
}
