using System.Diagnostics.CodeAnalysis;
using Chaos.Engine.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Systems;

/// <summary>
/// A YAML map with a known set of keys, bound once: unknown keys are reported when it is created (with a
/// did-you-mean suggestion, or with the place a misplaced key belongs), values are looked up by key afterwards, each
/// with its position.
/// </summary>
internal sealed class YamlMap
{
    private readonly LoadErrors _errors;
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    /// <param name="errors">Where unknown keys and missing values are reported.</param>
    /// <param name="node">The map.</param>
    /// <param name="path">The map's field path, for messages (empty at the top).</param>
    /// <param name="known">The keys it may have.</param>
    /// <param name="misplaced">Keys that belong elsewhere, each with the message that says where.</param>
    public YamlMap(LoadErrors errors, YamlMappingNode node, string path, IReadOnlyList<string> known, IReadOnlyDictionary<string, string>? misplaced = null)
    {
        _errors = errors;
        Node = node;
        Path = path;
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || YamlValues.IsNull(key))
            {
                errors.Add(key, path, $"a key must be a plain name, got {YamlValues.Describe(key)}; write keys like {DidYouMean.Either(known)}.");
                continue;
            }

            if (known.Contains(name))
            {
                _entries[name] = (key, value);
            }
            else if (misplaced is not null && misplaced.TryGetValue(name, out var where))
            {
                errors.Add(key, Field(name), where);
            }
            else
            {
                var suggestion = DidYouMean.Find(name, known);
                var hint = suggestion is null ? "remove it, or use" : $"did you mean {suggestion}? The keys here are";
                errors.Add(key, Field(name), $"unknown key; {hint} {DidYouMean.Either(known)}.");
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
        value = _entries.TryGetValue(key, out var entry) && !YamlValues.IsNull(entry.Value) ? entry.Value : null;
        return value is not null;
    }

    /// <summary>Gets a required value; reports it missing or empty, with an example of what to write.</summary>
    public YamlNode? Required(string key, string example)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            _errors.Add(Node, Field(key), $"is missing; add it, like {example}.");
            return null;
        }

        if (YamlValues.IsNull(entry.Value))
        {
            _errors.Add(entry.Key, Field(key), $"has no value; write it like {example}.");
            return null;
        }

        return entry.Value;
    }
}
