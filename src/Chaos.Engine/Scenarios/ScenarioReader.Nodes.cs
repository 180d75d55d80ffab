using System.Text;
using System.Text.RegularExpressions;
using Chaos.Engine.Systems;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Scenarios;

/// <summary>Typed reading of YAML nodes, through <see cref="YamlValues"/>: each reader reports a wrong type or value and returns null.</summary>
internal sealed partial class ScenarioReader
{
    private static int Line(YamlNode node) => (int)node.Start.Line;

    private void Report(YamlNode node, string field, string message) => _errors.Add(node, field, message);

    private void Report(Mark mark, string field, string message) => _errors.Add(mark, field, message);

    private void Report(int line, int column, string field, string message) => _errors.Add(line, column, field, message);

    private YamlMappingNode? ExpectMap(YamlNode node, string field, string example) => YamlValues.Map(_errors, node, field, example);

    private YamlSequenceNode? ExpectList(YamlNode node, string field, string example) => YamlValues.List(_errors, node, field, example);

    private string? ReadText(YamlNode node, string field, string example) => YamlValues.Text(_errors, node, field, example);

    private int? ReadInt(YamlNode node, string field, string example) => YamlValues.Int(_errors, node, field, example);

    private double? ReadNumber(YamlNode node, string field, string example) => YamlValues.Number(_errors, node, field, example);

    private TimeSpan? ReadDuration(YamlNode node, string field) => YamlValues.Duration(_errors, node, field);

    /// <summary>Reads a duration and checks it is above zero (or at least zero).</summary>
    private TimeSpan? ReadDuration(YamlNode node, string field, bool allowZero, string what) =>
        YamlValues.Duration(_errors, node, field, allowZero, what);

    /// <summary>A map of this file with a known set of keys (see <see cref="YamlMap"/>).</summary>
    private YamlMap Map(YamlMappingNode node, string path, IReadOnlyList<string> known, IReadOnlyDictionary<string, string>? misplaced = null) =>
        new(_errors, node, path, known, misplaced);

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
}
