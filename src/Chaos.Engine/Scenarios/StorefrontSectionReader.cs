using System.Globalization;
using Chaos.Engine.Systems;
using YamlDotNet.RepresentationModel;
using static Chaos.Engine.Systems.YamlValues;

namespace Chaos.Engine.Scenarios;

/// <summary>
/// The <c>storefront:</c> section: configuration the scenario's compressed timeline needs (for example a delivery
/// promise of seconds instead of days), flattened into configuration keys such as <c>Fulfillment:DelayedAfter</c>.
/// </summary>
/// <param name="errors">The file's errors.</param>
internal sealed class StorefrontSectionReader(LoadErrors errors) : ScenarioSectionReader(errors)
{
    private const string StorefrontExample = "storefront: { Fulfillment: { DelayedAfter: 5s } }";

    /// <summary>Reads <c>storefront:</c> from the file's root map; null when it has errors.</summary>
    public IReadOnlyDictionary<string, string>? Read(YamlMap root)
    {
        var settings = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!root.TryGet("storefront", out var node))
        {
            return settings;
        }

        if (ExpectMap(node, root.Field("storefront"), StorefrontExample) is not { } map)
        {
            return null;
        }

        var errors = Errors.Count;
        Flatten(map, "", root.Field("storefront"), settings);
        return Errors.Count == errors ? settings : null;
    }

    private void Flatten(YamlNode node, string key, string field, IDictionary<string, string> settings)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (keyNode, valueNode) in map.Children)
                {
                    var name = (keyNode as YamlScalarNode)?.Value ?? "";
                    if (!IsSettingName(name))
                    {
                        Report(keyNode, field, $"'{name}' is not a configuration key; use the storefront's section and setting names, like {StorefrontExample}.");
                        continue;
                    }

                    Flatten(valueNode, key.Length == 0 ? name : $"{key}:{name}", $"{field}.{name}", settings);
                }

                break;

            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++)
                {
                    var index = i.ToString(CultureInfo.InvariantCulture);
                    Flatten(list.Children[i], $"{key}:{index}", $"{field}[{index}]", settings);
                }

                break;

            case YamlScalarNode { Value: { } value } scalar when !IsNull(scalar):
                if (key.Length == 0 || !key.Contains(':', StringComparison.Ordinal))
                {
                    Report(node, field, $"a setting needs its section, like {StorefrontExample}.");
                    return;
                }

                // The scenario's duration syntax (5s, 500ms) becomes the configuration binder's TimeSpan format.
                settings[key] = !IsQuoted(scalar) && DurationParser.TryParse(value, out var duration)
                    ? duration.ToString("c", CultureInfo.InvariantCulture)
                    : value;
                break;

            default:
                Report(node, field, $"expected a value, got {Describe(node)}; write it like {StorefrontExample}.");
                break;
        }
    }

    private static bool IsSettingName(string name) =>
        name.Length > 0 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
}
