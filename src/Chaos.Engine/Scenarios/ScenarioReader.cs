using System.Text.RegularExpressions;
using Chaos.Engine.Systems;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static Chaos.Engine.Systems.YamlValues;

namespace Chaos.Engine.Scenarios;

/// <summary>
/// Reads one scenario file: parses the YAML representation model (which keeps every node's line), then reads and checks
/// its sections in order, each by a reader of its own that takes what it is checked against explicitly (the target, the
/// sections before it) and returns what it read, and collects every error with its line. One instance per file.
/// </summary>
internal sealed partial class ScenarioReader(string file, SystemLoadOptions systemOptions) : ScenarioSectionReader(new LoadErrors(file))
{
    private static readonly string[] TopKeys =
        ["name", "incident", "description", "seed", "load", "faults", "expectations", "invariants", "drain", "storefront"];

    private const string SystemKey = "system";

    private static readonly YamlRootReader RootReader = new(
        "the file has no scenario; write name, incident, description, seed, load and expectations (see scenarios/README.md).",
        "a scenario file holds one YAML document; remove the --- and what follows, or move it to a file of its own.",
        "name: and load:");

    /// <summary>Reads and validates the YAML text.</summary>
    public ScenarioLoadResult Read(string yaml)
    {
        var root = RootReader.Read(Errors, yaml, ex => ReportSyntax(ex, yaml));
        if (root is null)
        {
            return Result(null);
        }

        if (ReadTarget(root) is not { } target)
        {
            return Result(null);
        }

        var map = Map(root, "", TopKeys);
        var name = ReadName(map);
        var incident = ReadIncident(map);
        var description = ReadDescription(map);
        var seed = map.Required("seed", "seed: 20190710") is { } seedNode ? ReadInt(seedNode, map.Field("seed"), "seed: 20190710") : null;
        var load = new LoadSectionReader(Errors, target.Vocabulary).Read(map);
        var faults = new FaultsSectionReader(Errors, target.Vocabulary, load.Duration).Read(map);
        var expectations = new ExpectationsSectionReader(Errors, target, load, faults).Read(map);
        var invariants = new InvariantsSectionReader(Errors, target).Read(map);
        var drain = ReadDrain(map);
        var storefront = new StorefrontSectionReader(Errors).Read(map);

        if (Errors.Count > 0 || name is null || incident is null || description is null || seed is null || load.Profile is null
            || faults.Timeline is null || expectations is null || invariants is null || drain is null || storefront is null)
        {
            return Result(null);
        }

        return Result(new Scenario
        {
            Name = name,
            Incident = incident,
            Description = description,
            Seed = seed.Value,
            Load = load.Profile,
            Faults = faults.Timeline,
            Expectations = expectations,
            Invariants = invariants.Value.Kinds,
            DrainTimeout = drain.Value.Timeout,
            DrainSettle = drain.Value.Settle,
            StorefrontSettings = storefront,
            SourcePath = file,
            System = target.System,
            AtMostOnce = invariants.Value.AtMostOnce,
        });
    }

    private ScenarioLoadResult Result(Scenario? scenario)
    {
        var errors = Errors.ForResult(scenario is null, "the scenario could not be read; compare it with the example in scenarios/README.md.");
        return errors.Count > 0 ? new ScenarioLoadResult(null, errors) : new ScenarioLoadResult(scenario, errors);
    }

    private void ReportSyntax(YamlException ex, string yaml)
    {
        var message = ex.Message;
        var duplicate = DuplicateKeyPattern().Match(message);
        if (duplicate.Success)
        {
            var key = duplicate.Groups[1].Value;
            Report(ex.Start, key, $"the key {key} appears twice in the same map; keep one.");
            return;
        }

        var anchor = MissingAnchorPattern().Match(message);
        if (anchor.Success)
        {
            var name = anchor.Groups[1].Value;
            Report(ex.Start, "", $"the alias *{name} refers to no anchor; define &{name} before using it, or write the value out.");
            return;
        }

        message = message.Trim().TrimEnd('.');
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            // The parser marks the start of the token it was reading, often the line before the tab.
            var line = TabLine(yaml, (int)ex.Start.Line) ?? (int)ex.Start.Line;
            Report(line, 1, "", $"YAML syntax error: {message}; YAML indents with spaces, not tabs: replace the tab with spaces.");
            return;
        }

        var fix = message switch
        {
            _ when message.Contains("invalid mapping", StringComparison.Ordinal) =>
                "a value that contains \": \" needs quotes, like incident: \"Stripe API: outage\"; otherwise check the indentation",
            _ when message.Contains("cannot start any token", StringComparison.Ordinal) =>
                "a value that starts with @ or ` needs quotes",
            _ when message.Contains("quoted scalar", StringComparison.Ordinal) =>
                "close the quote that starts here",
            _ => "check the indentation, quotes and brackets here and on the line before",
        };
        Report(ex.Start, "", $"YAML syntax error: {message}; {fix}.");
    }

    private static int? TabLine(string yaml, int fromLine)
    {
        var lines = yaml.Split('\n');
        for (var i = Math.Max(fromLine - 1, 0); i < lines.Length; i++)
        {
            if (lines[i].Contains('\t'))
            {
                return i + 1;
            }
        }

        return null;
    }

    private string? ReadName(YamlMap map)
    {
        if (map.Required("name", "name: payment-gateway-down") is not { } node
            || ReadText(node, map.Field("name"), "name: payment-gateway-down") is not { } name)
        {
            return null;
        }

        return CheckKebab(node, map.Field("name"), name, "payment-gateway-down") ? name : null;
    }

    private string? ReadIncident(YamlMap map)
    {
        const string Example = "incident: \"Stripe API, 10 July 2019: most API requests failed for 27 min\"";
        if (map.Required("incident", Example) is not { } node || ReadText(node, map.Field("incident"), Example) is not { } text)
        {
            return null;
        }

        text = text.Trim();
        if (text.Length == 0)
        {
            Report(node, map.Field("incident"), $"is empty; say which incident the scenario replays, like {Example}.");
            return null;
        }

        if (text.Contains('\n'))
        {
            Report(node, map.Field("incident"), "spans several lines; keep the incident to one line and put the details in description.");
            return null;
        }

        return text;
    }

    private string? ReadDescription(YamlMap map)
    {
        const string Example = "description: | followed by indented lines";
        if (map.Required("description", Example) is not { } node || ReadText(node, map.Field("description"), Example) is not { } text)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            Report(node, map.Field("description"), "is empty; say which incident the scenario replays and which of its facts it encodes.");
            return null;
        }

        return text.TrimEnd();
    }

    /// <summary>
    /// The system under test: the reference storefront, or with <c>system:</c> (a path relative to the scenario file) the
    /// system file, whose errors keep their own file and line; the rest of the scenario is then validated against the
    /// system's names. The key is taken out of the root so that the storefront's key list and messages stay as they are.
    /// Null when the system file could not be loaded.
    /// </summary>
    private ScenarioTarget? ReadTarget(YamlMappingNode root)
    {
        var key = new YamlScalarNode(SystemKey);
        if (!root.Children.TryGetValue(key, out var node))
        {
            return ScenarioTarget.Storefront;
        }

        root.Children.Remove(key);
        const string Example = "system: ./system.yaml";
        if (ReadText(node, SystemKey, Example) is not { } relative || relative.Trim().Length == 0)
        {
            if (Errors.Count == 0)
            {
                Report(node, SystemKey, $"is empty; write the system file's path relative to this scenario, like {Example}.");
            }

            return null;
        }

        var path = Path.Combine(Path.GetDirectoryName(file) ?? "", relative.Trim());
        var loaded = systemOptions.SystemText is { } text ? SystemLoader.Parse(text, path, systemOptions) : SystemLoader.LoadFile(path, systemOptions);
        if (!loaded.IsValid)
        {
            if (loaded.Errors.Count == 1 && loaded.Errors[0].Line == 0)
            {
                Report(node, SystemKey, $"{path}: {loaded.Errors[0].Message}");
            }
            else
            {
                Errors.AddRange(loaded.Errors);
            }

            return null;
        }

        return new ScenarioTarget(new SystemVocabulary(loaded.System!, systemOptions.CodeJourneys), loaded.System);
    }

    private (TimeSpan Timeout, TimeSpan? Settle)? ReadDrain(YamlMap map)
    {
        var defaultTimeout = TimeSpan.FromSeconds(60);
        if (!map.TryGet("drain", out var node))
        {
            return (defaultTimeout, null);
        }

        if (ExpectMap(node, map.Field("drain"), "drain: { timeout: 60s }") is not { } drainNode)
        {
            return null;
        }

        var errors = Errors.Count;
        var drain = Map(drainNode, map.Field("drain"), ["timeout", "settle"]);
        var timeout = defaultTimeout;
        if (drain.TryGet("timeout", out var timeoutNode) && ReadDuration(timeoutNode, drain.Field("timeout")) is { } read)
        {
            timeout = read;
            if (timeout < TimeSpan.Zero)
            {
                Report(timeoutNode, drain.Field("timeout"), $"{Raw(timeoutNode)} is negative; write the time to wait for backlogs to drain, like 60s, or 0s not to wait.");
            }
        }

        TimeSpan? settle = null;
        if (drain.TryGet("settle", out var settleNode) && ReadDuration(settleNode, drain.Field("settle")) is { } readSettle)
        {
            settle = readSettle;
            if (readSettle <= TimeSpan.Zero)
            {
                Report(settleNode, drain.Field("settle"), $"{Raw(settleNode)} is not a positive duration; write how long a backlog must stand still before the drain gives up on it, like 10s (longer than the system's longest wait between two attempts), or leave settle out to wait the whole timeout.");
            }
        }

        return Errors.Count == errors ? (timeout, settle) : null;
    }

    [GeneratedRegex(@"^Duplicate key (.+)$")]
    private static partial Regex DuplicateKeyPattern();

    [GeneratedRegex(@"anchor '([^']*)'")]
    private static partial Regex MissingAnchorPattern();
}
