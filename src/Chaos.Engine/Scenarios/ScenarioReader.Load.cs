using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Scenarios;

/// <summary>The <c>load:</c> section: journey mix and load phases.</summary>
internal sealed partial class ScenarioReader
{
    private const string JourneysExample = "journeys: { browse: 50, addToCart: 20, checkout: 30 }";
    private const string PhaseExample = "- { name: peak, duration: 60s, inject: { rate: 40 } }";

    private static readonly string[] LoadKeys = ["maxInFlight", "requestTimeout", "journeys", "phases"];
    private static readonly string[] PhaseKeys = ["name", "duration", "inject", "rampingInject"];

    private static readonly Dictionary<string, string> MisplacedInPhase = new(StringComparer.Ordinal)
    {
        ["rate"] = "belongs inside inject; write inject: { rate: 40 }.",
        ["from"] = "belongs inside rampingInject; write rampingInject: { from: 5, to: 40 }.",
        ["to"] = "belongs inside rampingInject; write rampingInject: { from: 5, to: 40 }.",
    };

    /// <summary>Gets the journeys declared in <c>load.journeys</c> with their weights, as far as they could be read.</summary>
    private Dictionary<string, int>? _declaredJourneys;

    /// <summary>Gets every journey named in <c>load.journeys</c>, including those whose weight has an error.</summary>
    private readonly HashSet<string> _journeyNames = new(StringComparer.Ordinal);

    /// <summary>Gets the load's total duration, when every phase's duration could be read.</summary>
    private TimeSpan? _loadDuration;

    private LoadProfile? ReadLoad(MapView root)
    {
        if (root.Required("load", "load: { journeys: { ... }, phases: [ ... ] }") is not { } node
            || ExpectMap(node, root.Field("load"), "load: followed by indented journeys: and phases:") is not { } loadNode)
        {
            return null;
        }

        var errors = _errors.Count;
        var load = new MapView(this, loadNode, root.Field("load"), LoadKeys);

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

        var journeys = ReadJourneys(load);
        var phases = ReadPhases(load);

        if (_errors.Count > errors || journeys is null || phases is null)
        {
            return null;
        }

        return new LoadProfile { Journeys = journeys, Phases = phases, MaxInFlight = maxInFlight, RequestTimeout = requestTimeout };
    }

    private Dictionary<string, int>? ReadJourneys(MapView load)
    {
        var field = load.Field("journeys");
        if (load.Required("journeys", JourneysExample) is not { } node || ExpectMap(node, field, JourneysExample) is not { } map)
        {
            return null;
        }

        var errors = _errors.Count;
        var journeys = new Dictionary<string, int>(StringComparer.Ordinal);
        _declaredJourneys = journeys;
        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } journey } || IsNull(keyNode))
            {
                Report(keyNode, field, $"a journey must be a name, got {Describe(keyNode)}; write it like {JourneysExample}.");
                continue;
            }

            var journeyField = $"{field}.{journey}";
            if (!ScenarioVocabulary.Journeys.Contains(journey))
            {
                Report(keyNode, journeyField, NotOneOf(journey, "a journey", ScenarioVocabulary.Journeys));
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
        else if (_errors.Count == errors && journeys.Values.All(w => w == 0))
        {
            Report(map, field, "every weight is 0, so no journey would run; give at least one journey a weight above 0.");
        }

        return _errors.Count == errors ? journeys : null;
    }

    private List<LoadPhase>? ReadPhases(MapView load)
    {
        var field = load.Field("phases");
        if (load.Required("phases", PhaseExample) is not { } node || ExpectList(node, field, PhaseExample) is not { } list)
        {
            return null;
        }

        if (list.Children.Count == 0)
        {
            Report(list, field, $"lists no phase; add at least one, like {PhaseExample}.");
            return null;
        }

        var errors = _errors.Count;
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

            var phase = ReadPhase(new MapView(this, itemNode, itemField, PhaseKeys, MisplacedInPhase), names);
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
        return _errors.Count == errors ? phases : null;
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

    private LoadPhase? ReadPhase(MapView phase, Dictionary<string, int> names)
    {
        var errors = _errors.Count;
        string? name = null;
        if (phase.Required("name", "name: peak") is { } nameNode && ReadText(nameNode, phase.Field("name"), "name: peak") is { } text)
        {
            name = text;
            if (names.TryGetValue(name, out var line))
            {
                Report(nameNode, phase.Field("name"), $"\"{name}\" is already the name of the phase on line {line}; give each phase its own name.");
            }
            else
            {
                names[name] = Line(nameNode);
            }
        }

        TimeSpan? duration = null;
        if (phase.Required("duration", "duration: 60s") is { } durationNode)
        {
            duration = ReadDuration(durationNode, phase.Field("duration"), allowZero: false, "a phase lasts more than 0s, like duration: 60s");
        }

        (double Start, double End)? rates = null;
        var hasInject = phase.Has("inject");
        var hasRamp = phase.Has("rampingInject");
        if (hasInject && hasRamp)
        {
            var second = Line(phase.KeyNode("inject")!) > Line(phase.KeyNode("rampingInject")!) ? "inject" : "rampingInject";
            Report(phase.KeyNode(second)!, phase.Field(second), "a phase has either inject (a constant rate) or rampingInject (a linear ramp), not both; remove one.");
        }
        else if (hasInject)
        {
            rates = ReadInject(phase);
        }
        else if (hasRamp)
        {
            rates = ReadRampingInject(phase);
        }
        else
        {
            Report(phase.Node, phase.Field("inject"), "is missing; give the phase an arrival rate, like inject: { rate: 40 } or rampingInject: { from: 5, to: 40 }.");
        }

        if (_errors.Count > errors || name is null || duration is null || rates is null)
        {
            return null;
        }

        return new LoadPhase(name, duration.Value, rates.Value.Start, rates.Value.End);
    }

    private (double, double)? ReadInject(MapView phase)
    {
        const string Example = "inject: { rate: 40 }";
        if (phase.Required("inject", Example) is not { } node || ExpectMap(node, phase.Field("inject"), Example) is not { } map)
        {
            return null;
        }

        var inject = new MapView(this, map, phase.Field("inject"), ["rate"]);
        return ReadRate(inject, "rate", "rate: 40") is { } rate ? (rate, rate) : null;
    }

    private (double, double)? ReadRampingInject(MapView phase)
    {
        const string Example = "rampingInject: { from: 5, to: 40 }";
        if (phase.Required("rampingInject", Example) is not { } node || ExpectMap(node, phase.Field("rampingInject"), Example) is not { } map)
        {
            return null;
        }

        var ramp = new MapView(this, map, phase.Field("rampingInject"), ["from", "to"]);
        var from = ReadRate(ramp, "from", "from: 5");
        var to = ReadRate(ramp, "to", "to: 40");
        return from is not null && to is not null ? (from.Value, to.Value) : null;
    }

    private double? ReadRate(MapView map, string key, string example)
    {
        if (map.Required(key, example) is not { } node || ReadNumber(node, map.Field(key), example) is not { } rate)
        {
            return null;
        }

        if (rate < 0)
        {
            Report(node, map.Field(key), $"{Raw(node)} is negative; an arrival rate is journeys per second, 0 or more, like {example}.");
            return null;
        }

        return rate;
    }
}
