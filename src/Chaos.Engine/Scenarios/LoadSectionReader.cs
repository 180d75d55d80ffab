using Chaos.Engine.Load;
using Chaos.Engine.Systems;
using YamlDotNet.RepresentationModel;
using static Chaos.Engine.Systems.YamlValues;

namespace Chaos.Engine.Scenarios;

/// <summary>
/// Reads the <c>load:</c> section (journey mix and load phases) against the target's journeys, and returns with it what
/// the sections after it are checked against (<see cref="LoadSection"/>). One instance per file.
/// </summary>
/// <param name="errors">The file's errors.</param>
/// <param name="vocabulary">The names of the system under test.</param>
internal sealed class LoadSectionReader(LoadErrors errors, ITargetVocabulary vocabulary) : ScenarioSectionReader(errors)
{
    private const string JourneysExample = "journeys: { browse: 50, addToCart: 20, checkout: 30 }";
    private const string PhaseExample = "- { name: peak, duration: 60s, inject: { rate: 40 } }";
    private const string ShapeExample = "- shape: { name: cyberMonday, peak: 40, duration: 60s }";
    private const string ThinkTimeExample = "thinkTime: 500ms or thinkTime: { min: 200ms, max: 2s }";

    private static readonly string[] LoadKeys = ["maxInFlight", "requestTimeout", "thinkTime", "warmUp", "journeys", "phases"];
    private static readonly string[] ModelKeys = ["inject", "rampingInject", "keepConstant", "rampingConstant"];
    private static readonly string[] PhaseKeys = ["name", "duration", .. ModelKeys, "journeys"];
    private static readonly string[] ShapeItemKeys = ["shape", "journeys"];
    private static readonly string[] ShapeKeys = ["name", "peak", "duration", "scale"];

    private static readonly Dictionary<string, string> MisplacedInPhase = new(StringComparer.Ordinal)
    {
        ["rate"] = "belongs inside inject; write inject: { rate: 40 }.",
        ["from"] = "belongs inside rampingInject; write rampingInject: { from: 5, to: 40 }.",
        ["to"] = "belongs inside rampingInject; write rampingInject: { from: 5, to: 40 }.",
        ["copies"] = "belongs inside keepConstant; write keepConstant: { copies: 20 }.",
    };

    /// <summary>Gets the load phase names as read (including those of expanded shapes), for expectation phases.</summary>
    private readonly HashSet<string> _loadPhaseNames = new(StringComparer.Ordinal);

    /// <summary>The copies nodes of closed phases, checked against maxInFlight once both are read.</summary>
    private readonly List<(YamlNode Node, string Field, int Copies)> _copiesNodes = [];

    /// <summary>Gets the journeys declared in <c>load.journeys</c> with their weights, as far as they could be read.</summary>
    private Dictionary<string, int>? _declaredJourneys;

    /// <summary>Gets every journey named in <c>load.journeys</c>, including those whose weight has an error.</summary>
    private readonly HashSet<string> _journeyNames = new(StringComparer.Ordinal);

    /// <summary>Gets the load's total duration, when every phase's duration could be read.</summary>
    private TimeSpan? _loadDuration;

    /// <summary>Reads <c>load:</c> from the file's root map.</summary>
    public LoadSection Read(YamlMap root)
    {
        var profile = ReadProfile(root);
        return new LoadSection(profile, _loadPhaseNames, _declaredJourneys, _journeyNames, _loadDuration);
    }

    private LoadProfile? ReadProfile(YamlMap root)
    {
        if (root.Required("load", "load: { journeys: { ... }, phases: [ ... ] }") is not { } node
            || ExpectMap(node, root.Field("load"), "load: followed by indented journeys: and phases:") is not { } loadNode)
        {
            return null;
        }

        var errors = Errors.Count;
        var load = Map(loadNode, root.Field("load"), LoadKeys);

        var maxInFlight = 512;
        if (load.TryGet("maxInFlight", out var maxNode) && ReadInt(maxNode, load.Field("maxInFlight"), "maxInFlight: 512") is { } max)
        {
            maxInFlight = max;
            if (max < 1)
            {
                Report(maxNode, load.Field("maxInFlight"), $"{max} is below 1; allow at least one journey in flight, like maxInFlight: 512.");
            }
        }

        var requestTimeout = TimeSpan.FromSeconds(10);
        if (load.TryGet("requestTimeout", out var timeoutNode)
            && ReadDuration(timeoutNode, load.Field("requestTimeout"), allowZero: false, "a request needs time to answer; write it like requestTimeout: 10s") is { } timeout)
        {
            requestTimeout = timeout;
        }

        var thinkTime = ReadThinkTime(load);
        TimeSpan? warmUp = null;
        if (load.TryGet("warmUp", out var warmUpNode))
        {
            warmUp = ReadDuration(warmUpNode, load.Field("warmUp"), allowZero: false, "a warm-up lasts more than 0s, like warmUp: 3s; remove it for the default warm-up rounds");
        }

        var journeys = ReadJourneys(load);
        var phases = ReadPhases(load, FaultNamesOf(root));

        foreach (var (copiesNode, copiesField, copies) in _copiesNodes.Where(c => c.Copies > maxInFlight))
        {
            Report(copiesNode, copiesField, $"{copies} copies exceed maxInFlight {maxInFlight}; raise load.maxInFlight to {copies} or more, or use fewer copies.");
        }

        if (thinkTime is not null && phases is not null && phases.All(p => p.Model == LoadModel.Open))
        {
            Report(load.KeyNode("thinkTime")!, load.Field("thinkTime"),
                "applies between a virtual user's journeys in closed-model phases (keepConstant, rampingConstant), and every phase here is open (inject, rampingInject), where arrivals do not wait for one another; remove thinkTime, or add a phase like keepConstant: { copies: 20 }.");
        }

        if (Errors.Count > errors || journeys is null || phases is null)
        {
            return null;
        }

        return new LoadProfile
        {
            Journeys = journeys,
            Phases = phases,
            MaxInFlight = maxInFlight,
            RequestTimeout = requestTimeout,
            ThinkTime = thinkTime,
            WarmUp = warmUp,
        };
    }

    private ThinkTime? ReadThinkTime(YamlMap load)
    {
        var field = load.Field("thinkTime");
        if (!load.TryGet("thinkTime", out var node))
        {
            return null;
        }

        if (node is YamlScalarNode)
        {
            return ReadDuration(node, field, allowZero: true, $"a think time is 0 or more; write {ThinkTimeExample}") is { } fixedTime
                ? new ThinkTime(fixedTime, fixedTime)
                : null;
        }

        if (ExpectMap(node, field, ThinkTimeExample) is not { } map)
        {
            return null;
        }

        var range = Map(map, field, ["min", "max"]);
        TimeSpan? min = null;
        TimeSpan? max = null;
        if (range.Required("min", "min: 200ms") is { } minNode)
        {
            min = ReadDuration(minNode, range.Field("min"), allowZero: true, "a think time is 0 or more, like min: 200ms");
        }

        if (range.Required("max", "max: 2s") is { } maxNode)
        {
            max = ReadDuration(maxNode, range.Field("max"), allowZero: true, "a think time is 0 or more, like max: 2s");
            if (min is { } low && max is { } high && high < low)
            {
                Report(maxNode, range.Field("max"), $"{DurationParser.Format(high)} is below min {DurationParser.Format(low)}; the think time is drawn uniformly between min and max, so make max at least min.");
                return null;
            }
        }

        return min is not null && max is not null ? new ThinkTime(min.Value, max.Value) : null;
    }

    /// <summary>The fault names written in the file, with their lines: a load phase may not take one (both name expectation phases).</summary>
    private static Dictionary<string, int> FaultNamesOf(YamlMap root)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root.TryGet("faults", out var faults) && faults is YamlSequenceNode list)
        {
            foreach (var item in list.Children.OfType<YamlMappingNode>())
            {
                if (item.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "name" }).Value is YamlScalarNode { Value: { Length: > 0 } name } node)
                {
                    names.TryAdd(name, Line(node));
                }
            }
        }

        return names;
    }

    private Dictionary<string, int>? ReadJourneys(YamlMap load)
    {
        var field = load.Field("journeys");
        if (load.Required("journeys", JourneysExample) is not { } node)
        {
            return null;
        }

        var journeys = new Dictionary<string, int>(StringComparer.Ordinal);
        _declaredJourneys = journeys;
        return ReadJourneyMix(node, field, journeys);
    }

    /// <summary>Reads a journey mix (<c>load.journeys</c> or a phase's own <c>journeys</c>) into <paramref name="journeys"/>.</summary>
    private Dictionary<string, int>? ReadJourneyMix(YamlNode node, string field, Dictionary<string, int> journeys)
    {
        if (ExpectMap(node, field, JourneysExample) is not { } map)
        {
            return null;
        }

        var errors = Errors.Count;
        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } journey } || IsNull(keyNode))
            {
                Report(keyNode, field, $"a journey must be a name, got {Describe(keyNode)}; write it like {JourneysExample}.");
                continue;
            }

            var journeyField = $"{field}.{journey}";
            if (!vocabulary.Journeys.Contains(journey))
            {
                Report(keyNode, journeyField, NotOneOf(journey, "a journey", vocabulary.Journeys));
                continue;
            }

            _journeyNames.Add(journey);
            if (ReadInt(valueNode, journeyField, $"{journey}: 30") is not { } weight)
            {
                continue;
            }

            if (weight < 0)
            {
                Report(valueNode, journeyField, $"{weight} is negative; give the journey a weight of 0 or more (0 leaves it out).");
                continue;
            }

            journeys[journey] = weight;
        }

        if (map.Children.Count == 0)
        {
            Report(map, field, $"lists no journey; add at least one with a weight, like {JourneysExample}.");
        }
        else if (Errors.Count == errors && journeys.Values.All(w => w == 0))
        {
            Report(map, field, "every weight is 0, so no journey would run; give at least one journey a weight above 0.");
        }

        return Errors.Count == errors ? journeys : null;
    }

    private List<LoadPhase>? ReadPhases(YamlMap load, Dictionary<string, int> faultNames)
    {
        var field = load.Field("phases");
        if (ReadRequiredList(load, "phases", PhaseExample, "phase") is not { } list)
        {
            return null;
        }

        var errors = Errors.Count;
        var phases = new List<LoadPhase>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = TimeSpan.Zero;
        var durationsKnown = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var itemField = $"{field}[{i}]";
            if (ExpectMap(list.Children[i], itemField, PhaseExample) is not { } itemNode)
            {
                durationsKnown = false;
                continue;
            }

            if (itemNode.Children.Any(c => c.Key is YamlScalarNode { Value: "shape" }))
            {
                var expanded = ReadShape(Map(itemNode, itemField, ShapeItemKeys), names, faultNames);
                if (expanded is null)
                {
                    durationsKnown &= TryReadShapeDuration(itemNode, out var partial);
                    total += partial;
                    continue;
                }

                total += expanded.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration);
                phases.AddRange(expanded);
                continue;
            }

            var phase = ReadPhase(Map(itemNode, itemField, PhaseKeys, MisplacedInPhase), names, faultNames);
            if (phase is null)
            {
                durationsKnown &= TryReadPhaseDuration(itemNode, out var partial);
                total += partial;
                continue;
            }

            total += phase.Duration;
            phases.Add(phase);
        }

        _loadDuration = durationsKnown ? total : null;
        return Errors.Count == errors ? phases : null;
    }

    // The load's length is needed to check the fault timeline even when a phase has another error.
    private static bool TryReadPhaseDuration(YamlMappingNode item, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var node = item.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "duration" }).Value;
        return node is YamlScalarNode { Value: { } text }
            && DurationParser.TryParse(text, out duration)
            && duration > TimeSpan.Zero;
    }

    private static bool TryReadShapeDuration(YamlMappingNode item, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        return item.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "shape" }).Value is YamlMappingNode shape
            && TryReadPhaseDuration(shape, out duration);
    }

    /// <summary>Checks a load phase's name: unique among load phases, not a reserved phase, not a fault's name.</summary>
    private bool CheckLoadPhaseName(YamlNode node, string field, string name, Dictionary<string, int> names, Dictionary<string, int> faultNames, string? shape = null)
    {
        var what = shape is null ? "" : $" (from shape {shape})";
        _loadPhaseNames.Add(name);
        if (!CheckNotReservedPhase(node, field, name, "name the load phase after its traffic, like peak or ramp-up"))
        {
            return false;
        }

        if (faultNames.TryGetValue(name, out var faultLine))
        {
            Report(node, field, $"\"{name}\"{what} is also the name of the fault on line {faultLine}; expectations name both, so rename one.");
            return false;
        }

        if (names.TryGetValue(name, out var line))
        {
            Report(node, field, $"\"{name}\"{what} is already the name of the phase on line {line}; give each phase its own name.");
            return false;
        }

        names[name] = Line(node);
        return true;
    }

    private List<LoadPhase>? ReadShape(YamlMap item, Dictionary<string, int> names, Dictionary<string, int> faultNames)
    {
        var errors = Errors.Count;
        var field = item.Field("shape");
        if (item.Required("shape", ShapeExample) is not { } node || ExpectMap(node, field, ShapeExample) is not { } map)
        {
            return null;
        }

        var shape = Map(map, field, ShapeKeys);
        string? name = null;
        if (shape.Required("name", "name: cyberMonday") is { } nameNode && ReadText(nameNode, shape.Field("name"), "name: cyberMonday") is { } text)
        {
            if (LoadShapes.Names.Contains(text))
            {
                name = text;
            }
            else
            {
                Report(nameNode, shape.Field("name"), NotOneOf(text, "a load shape", LoadShapes.Names) + " See the shapes in scenarios/README.md.");
            }
        }

        double? peak = null;
        if (shape.Required("peak", "peak: 40") is { } peakNode && ReadNumber(peakNode, shape.Field("peak"), "peak: 40") is { } peakRate)
        {
            if (peakRate <= 0)
            {
                Report(peakNode, shape.Field("peak"), $"{Raw(peakNode)} is not above 0; peak is the highest arrival rate of the shape, journeys per second, like peak: 40.");
            }
            else
            {
                peak = peakRate;
            }
        }

        TimeSpan? duration = null;
        if (shape.Required("duration", "duration: 60s") is { } durationNode
            && ReadDuration(durationNode, shape.Field("duration"), allowZero: false, "a shape lasts at least 10s, like duration: 60s") is { } length)
        {
            if (length < LoadShapes.MinimumDuration)
            {
                Report(durationNode, shape.Field("duration"), $"{DurationParser.Format(length)} is shorter than {DurationParser.Format(LoadShapes.MinimumDuration)}; a shape's shortest part needs time to be measured, so give it at least 10s, like duration: 60s.");
            }
            else
            {
                duration = length;
            }
        }

        var scale = 1.0;
        if (shape.TryGet("scale", out var scaleNode) && ReadNumber(scaleNode, shape.Field("scale"), "scale: 1.5") is { } factor)
        {
            if (factor <= 0)
            {
                Report(scaleNode, shape.Field("scale"), $"{Raw(scaleNode)} is not above 0; scale multiplies every rate of the shape, like scale: 1.5 (default 1).");
            }
            else
            {
                scale = factor;
            }
        }

        Dictionary<string, int>? mix = null;
        if (item.TryGet("journeys", out var mixNode))
        {
            mix = ReadJourneyMix(mixNode, item.Field("journeys"), new Dictionary<string, int>(StringComparer.Ordinal));
        }

        if (Errors.Count > errors || name is null || peak is null || duration is null)
        {
            return null;
        }

        var phases = LoadShapes.Expand(name, peak.Value, duration.Value, scale).Select(p => p with { Journeys = mix }).ToList();
        foreach (var phase in phases)
        {
            CheckLoadPhaseName(shape.KeyNode("name")!, shape.Field("name"), phase.Name, names, faultNames, name);
        }

        return Errors.Count > errors ? null : phases;
    }

    private LoadPhase? ReadPhase(YamlMap phase, Dictionary<string, int> names, Dictionary<string, int> faultNames)
    {
        var errors = Errors.Count;
        string? name = null;
        if (phase.Required("name", "name: peak") is { } nameNode && ReadText(nameNode, phase.Field("name"), "name: peak") is { } text)
        {
            name = text;
            CheckLoadPhaseName(nameNode, phase.Field("name"), name, names, faultNames);
        }

        TimeSpan? duration = null;
        if (phase.Required("duration", "duration: 60s") is { } durationNode)
        {
            duration = ReadDuration(durationNode, phase.Field("duration"), allowZero: false, "a phase lasts more than 0s, like duration: 60s");
        }

        (double Start, double End)? rates = null;
        (int Start, int End)? copies = null;
        var models = ModelKeys.Where(phase.Has).OrderBy(key => Line(phase.KeyNode(key)!)).ToArray();
        if (models.Length > 1)
        {
            Report(phase.KeyNode(models[1])!, phase.Field(models[1]),
                $"a phase has either {models[0]} or {models[1]}, not both; remove one (a phase is one of inject, rampingInject, keepConstant or rampingConstant).");
        }
        else if (models.Length == 0)
        {
            Report(phase.Node, phase.Field("inject"),
                "is missing; give the phase an arrival rate, like inject: { rate: 40 } or rampingInject: { from: 5, to: 40 }, or virtual users, like keepConstant: { copies: 20 }.");
        }
        else
        {
            switch (models[0])
            {
                case "inject":
                    rates = ReadInject(phase);
                    break;
                case "rampingInject":
                    rates = ReadRampingInject(phase);
                    break;
                case "keepConstant":
                    copies = ReadKeepConstant(phase);
                    break;
                default:
                    copies = ReadRampingConstant(phase);
                    break;
            }
        }

        Dictionary<string, int>? mix = null;
        if (phase.TryGet("journeys", out var mixNode))
        {
            mix = ReadJourneyMix(mixNode, phase.Field("journeys"), new Dictionary<string, int>(StringComparer.Ordinal));
        }

        if (Errors.Count > errors || name is null || duration is null || (rates is null && copies is null))
        {
            return null;
        }

        return copies is { } users
            ? LoadPhase.Closed(name, duration.Value, users.Start, users.End) with { Journeys = mix }
            : new LoadPhase(name, duration.Value, rates!.Value.Start, rates.Value.End) { Journeys = mix };
    }

    private (int, int)? ReadKeepConstant(YamlMap phase)
    {
        const string Example = "keepConstant: { copies: 20 }";
        if (phase.Required("keepConstant", Example) is not { } node || ExpectMap(node, phase.Field("keepConstant"), Example) is not { } map)
        {
            return null;
        }

        var keep = Map(map, phase.Field("keepConstant"), ["copies"]);
        return ReadCopies(keep, "copies", "copies: 20", minimum: 1) is { } copies ? (copies, copies) : null;
    }

    private (int, int)? ReadRampingConstant(YamlMap phase)
    {
        const string Example = "rampingConstant: { from: 5, to: 40 }";
        if (phase.Required("rampingConstant", Example) is not { } node || ExpectMap(node, phase.Field("rampingConstant"), Example) is not { } map)
        {
            return null;
        }

        var ramp = Map(map, phase.Field("rampingConstant"), ["from", "to"]);
        var from = ReadCopies(ramp, "from", "from: 5", minimum: 0);
        var to = ReadCopies(ramp, "to", "to: 40", minimum: 0);
        if (from == 0 && to == 0)
        {
            Report(map, phase.Field("rampingConstant"), "ramps from 0 to 0 virtual users, so nothing would run; ramp to at least 1, like rampingConstant: { from: 0, to: 40 }.");
            return null;
        }

        return from is not null && to is not null ? (from.Value, to.Value) : null;
    }

    private int? ReadCopies(YamlMap map, string key, string example, int minimum)
    {
        if (map.Required(key, example) is not { } node || ReadInt(node, map.Field(key), example) is not { } copies)
        {
            return null;
        }

        if (copies < minimum)
        {
            var problem = copies < 0 ? "is negative" : "is below 1";
            Report(node, map.Field(key), $"{copies} {problem}; copies are virtual users, each looping journeys, {minimum} or more, like {example}.");
            return null;
        }

        _copiesNodes.Add((node, map.Field(key), copies));
        return copies;
    }

    private (double, double)? ReadInject(YamlMap phase)
    {
        const string Example = "inject: { rate: 40 }";
        if (phase.Required("inject", Example) is not { } node || ExpectMap(node, phase.Field("inject"), Example) is not { } map)
        {
            return null;
        }

        var inject = Map(map, phase.Field("inject"), ["rate"]);
        return ReadRate(inject, "rate", "rate: 40") is { } rate ? (rate, rate) : null;
    }

    private (double, double)? ReadRampingInject(YamlMap phase)
    {
        const string Example = "rampingInject: { from: 5, to: 40 }";
        if (phase.Required("rampingInject", Example) is not { } node || ExpectMap(node, phase.Field("rampingInject"), Example) is not { } map)
        {
            return null;
        }

        var ramp = Map(map, phase.Field("rampingInject"), ["from", "to"]);
        var from = ReadRate(ramp, "from", "from: 5");
        var to = ReadRate(ramp, "to", "to: 40");
        return from is not null && to is not null ? (from.Value, to.Value) : null;
    }

    private double? ReadRate(YamlMap map, string key, string example)
    {
        return map.Required(key, example) is { } node
            ? ReadNonNegative(node, map.Field(key), example, $"an arrival rate is journeys per second, 0 or more, like {example}")
            : null;
    }
}
