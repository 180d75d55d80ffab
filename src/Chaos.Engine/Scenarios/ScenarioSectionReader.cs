using System.Text;
using System.Text.RegularExpressions;
using Chaos.Engine.Systems;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Scenarios;

/// <summary>
/// What every reader of a scenario section shares: typed reading of YAML nodes through <see cref="YamlValues"/> (each
/// reader reports a wrong type or value and returns null) into the one list of the file's errors.
/// </summary>
/// <param name="errors">The file's errors, which every section adds to.</param>
internal abstract partial class ScenarioSectionReader(LoadErrors errors)
{
    /// <summary>Gets the file's errors.</summary>
    protected LoadErrors Errors => errors;

    protected static int Line(YamlNode node) => (int)node.Start.Line;

    protected void Report(YamlNode node, string field, string message) => errors.Add(node, field, message);

    protected void Report(Mark mark, string field, string message) => errors.Add(mark, field, message);

    protected void Report(int line, int column, string field, string message) => errors.Add(line, column, field, message);

    protected YamlMappingNode? ExpectMap(YamlNode node, string field, string example) => YamlValues.Map(errors, node, field, example);

    protected YamlSequenceNode? ExpectList(YamlNode node, string field, string example) => YamlValues.List(errors, node, field, example);

    protected string? ReadText(YamlNode node, string field, string example) => YamlValues.Text(errors, node, field, example);

    protected int? ReadInt(YamlNode node, string field, string example) => YamlValues.Int(errors, node, field, example);

    protected double? ReadNumber(YamlNode node, string field, string example) => YamlValues.Number(errors, node, field, example);

    protected TimeSpan? ReadDuration(YamlNode node, string field) => YamlValues.Duration(errors, node, field);

    /// <summary>Reads a duration and checks it is above zero (or at least zero).</summary>
    protected TimeSpan? ReadDuration(YamlNode node, string field, bool allowZero, string what) =>
        YamlValues.Duration(errors, node, field, allowZero, what);

    /// <summary>Reads a number in [0, 1] (a share, a rate); <paramref name="fix"/> ends the message when it is outside (for example <c>use 0.05 for 5%</c>).</summary>
    protected double? ReadShare(YamlNode node, string field, string example, string fix)
    {
        if (ReadNumber(node, field, example) is not { } share)
        {
            return null;
        }

        if (share is < 0 or > 1)
        {
            Report(node, field, $"{YamlValues.Raw(node)} is outside [0, 1]; {fix}.");
            return null;
        }

        return share;
    }

    /// <summary>Reads a number of 0 or more (a count, an arrival rate); <paramref name="fix"/> ends the message when it is negative.</summary>
    protected double? ReadNonNegative(YamlNode node, string field, string example, string fix)
    {
        if (ReadNumber(node, field, example) is not { } number)
        {
            return null;
        }

        if (number < 0)
        {
            Report(node, field, $"{YamlValues.Raw(node)} is negative; {fix}.");
            return null;
        }

        return number;
    }

    /// <summary>Reads a list the map must have, with at least one item; <paramref name="item"/> names an item in the message (<c>lists no phase</c>).</summary>
    protected YamlSequenceNode? ReadRequiredList(YamlMap map, string key, string example, string item)
    {
        var field = map.Field(key);
        if (map.Required(key, example) is not { } node || ExpectList(node, field, example) is not { } list)
        {
            return null;
        }

        if (list.Children.Count == 0)
        {
            Report(list, field, $"lists no {item}; add at least one, like {example}.");
            return null;
        }

        return list;
    }

    /// <summary>
    /// Checks that a load phase's or a fault's name is none of the reserved phases, which expectations name beside them;
    /// <paramref name="nameIt"/> ends the message (for example <c>name the fault after what fails, like gateway-outage</c>).
    /// </summary>
    protected bool CheckNotReservedPhase(YamlNode node, string field, string name, string nameIt)
    {
        if (!ScenarioVocabulary.ReservedPhases.Contains(name))
        {
            return true;
        }

        Report(node, field, $"\"{name}\" is a reserved phase name ({DidYouMean.Either(ScenarioVocabulary.ReservedPhases)}); {nameIt}.");
        return false;
    }

    /// <summary>A map of this file with a known set of keys (see <see cref="YamlMap"/>).</summary>
    protected YamlMap Map(YamlMappingNode node, string path, IReadOnlyList<string> known, IReadOnlyDictionary<string, string>? misplaced = null) =>
        new(errors, node, path, known, misplaced);

    protected bool CheckKebab(YamlNode node, string field, string name, string example)
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
}
