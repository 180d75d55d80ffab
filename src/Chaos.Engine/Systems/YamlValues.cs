using System.Globalization;
using Chaos.Engine.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Systems;

/// <summary>Typed reading of YAML nodes for the system file: each reader reports a wrong type or value and returns null.</summary>
internal static class YamlValues
{
    public const string DurationForms = "30s, 250ms, 2m or 00:00:30";

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public static bool IsQuoted(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;

    /// <summary>The value as written, for messages: plain numbers and durations as they are, other text in quotes.</summary>
    public static string Raw(YamlNode node)
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
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a map",
        YamlSequenceNode => "a list",
        _ when IsNull(node) => "no value",
        YamlScalarNode scalar when IsQuoted(scalar) => $"the text {Raw(node)}",
        _ => Raw(node),
    };

    public static YamlMappingNode? Map(LoadErrors errors, YamlNode node, string field, string example)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }

        errors.Add(node, field, $"expected a map, got {Describe(node)}; write it like {example}.");
        return null;
    }

    public static YamlSequenceNode? List(LoadErrors errors, YamlNode node, string field, string example)
    {
        if (node is YamlSequenceNode list)
        {
            return list;
        }

        errors.Add(node, field, $"expected a list, got {Describe(node)}; write it like {example}.");
        return null;
    }

    public static string? Text(LoadErrors errors, YamlNode node, string field, string example)
    {
        if (node is YamlScalarNode { Value: { } value } && !IsNull(node))
        {
            return value;
        }

        errors.Add(node, field, $"expected text, got {Describe(node)}; write it like {example}.");
        return null;
    }

    public static int? Int(LoadErrors errors, YamlNode node, string field, string example)
    {
        if (node is YamlScalarNode { Value: { } text } scalar && !IsNull(node) && !IsQuoted(scalar)
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors.Add(node, field, $"expected a whole number, got {Describe(node)}; write it like {example}.");
        return null;
    }

    /// <summary>Reads a duration above zero.</summary>
    public static TimeSpan? PositiveDuration(LoadErrors errors, YamlNode node, string field)
    {
        if (node is not YamlScalarNode { Value: { } text } || IsNull(node))
        {
            errors.Add(node, field, $"expected a duration, got {Describe(node)}; write it like {DurationForms}.");
            return null;
        }

        if (!DurationParser.TryParse(text, out var duration))
        {
            var message = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? $"{text} has no unit; write {text.Trim()}s for seconds or {text.Trim()}ms for milliseconds."
                : $"{Raw(node)} is not a duration; write it like {DurationForms}.";
            errors.Add(node, field, message);
            return null;
        }

        if (duration <= TimeSpan.Zero)
        {
            errors.Add(node, field, $"{Raw(node)} is {(duration < TimeSpan.Zero ? "negative" : "zero")}; use a duration above zero, like 30s.");
            return null;
        }

        return duration;
    }

    /// <summary>"x" is not a thing; did you mean y? Use a, b or c.</summary>
    public static string NotOneOf(string value, string thing, IReadOnlyList<string> known)
    {
        var suggestion = DidYouMean.Find(value, known);
        var hint = suggestion is null ? "use " : $"did you mean {suggestion}? Use ";
        return $"\"{value}\" is not {thing}; {hint}{DidYouMean.Either(known)}.";
    }
}
