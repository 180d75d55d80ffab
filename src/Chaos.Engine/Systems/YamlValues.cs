using System.Globalization;
using Chaos.Engine.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Systems;

/// <summary>Typed reading of YAML nodes for the scenario and system files: each reader reports a wrong type or value and returns null.</summary>
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
        if (node is YamlScalarNode { Value: { } text } scalar && !IsNull(node))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                if (IsQuoted(scalar))
                {
                    errors.Add(node, field, $"expected a whole number, got the text {Raw(node)}; remove the quotes.");
                    return null;
                }

                if (number is < int.MinValue or > int.MaxValue)
                {
                    errors.Add(node, field, $"{text} is too large; use a whole number between {int.MinValue} and {int.MaxValue}.");
                    return null;
                }

                return (int)number;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                errors.Add(node, field, $"{Raw(node)} is not a whole number; write it like {example}.");
                return null;
            }
        }

        errors.Add(node, field, $"expected a whole number, got {Describe(node)}; write it like {example}.");
        return null;
    }

    public static double? Number(LoadErrors errors, YamlNode node, string field, string example)
    {
        if (node is YamlScalarNode { Value: { } text } scalar && !IsNull(node))
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                if (IsQuoted(scalar))
                {
                    errors.Add(node, field, $"expected a number, got the text {Raw(node)}; remove the quotes.");
                    return null;
                }

                return number;
            }

            if (text.EndsWith('%') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
            {
                var fraction = (percent / 100).ToString("0.####", CultureInfo.InvariantCulture);
                errors.Add(node, field, $"{Raw(node)} is not a number; write a share as a fraction, {fraction} for {text}.");
                return null;
            }
        }

        errors.Add(node, field, $"expected a number, got {Describe(node)}; write it like {example}.");
        return null;
    }

    public static TimeSpan? Duration(LoadErrors errors, YamlNode node, string field)
    {
        if (node is not YamlScalarNode { Value: { } text } || IsNull(node))
        {
            errors.Add(node, field, $"expected a duration, got {Describe(node)}; write it like {DurationForms}.");
            return null;
        }

        if (DurationParser.TryParse(text, out var duration))
        {
            return duration;
        }

        var message = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? $"{text} has no unit; write {text.Trim()}s for seconds or {text.Trim()}ms for milliseconds."
            : $"{Raw(node)} is not a duration; write it like {DurationForms}.";
        errors.Add(node, field, message);
        return null;
    }

    /// <summary>Reads a duration above zero (or, with <paramref name="allowZero"/>, at least zero).</summary>
    /// <param name="errors">Where a problem is reported.</param>
    /// <param name="node">The value.</param>
    /// <param name="field">The field, for the message.</param>
    /// <param name="allowZero">Whether zero is allowed.</param>
    /// <param name="what">What to write instead, ending the message (for example <c>use a duration above zero, like 30s</c>).</param>
    public static TimeSpan? Duration(LoadErrors errors, YamlNode node, string field, bool allowZero, string what)
    {
        if (Duration(errors, node, field) is not { } duration)
        {
            return null;
        }

        if (duration < TimeSpan.Zero || (!allowZero && duration == TimeSpan.Zero))
        {
            errors.Add(node, field, $"{Raw(node)} {(duration < TimeSpan.Zero ? "is negative" : "is zero")}; {what}.");
            return null;
        }

        return duration;
    }

    /// <summary>Reads a duration above zero.</summary>
    public static TimeSpan? PositiveDuration(LoadErrors errors, YamlNode node, string field) =>
        Duration(errors, node, field, allowZero: false, "use a duration above zero, like 30s");

    /// <summary>"x" is not a thing; did you mean y? Use a, b or c.</summary>
    public static string NotOneOf(string value, string thing, IReadOnlyList<string> known)
    {
        var suggestion = DidYouMean.Find(value, known);
        var hint = suggestion is null ? "" : $"did you mean {suggestion}? ";
        var use = known.Count == 0 ? "" : (hint.Length > 0 ? "Use " : "use ") + DidYouMean.Either(known) + ".";
        return $"\"{value}\" is not {thing}; {hint}{use}".TrimEnd(' ', ';');
    }
}
