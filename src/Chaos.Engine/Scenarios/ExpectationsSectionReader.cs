using Chaos.Engine.Systems;
using YamlDotNet.RepresentationModel;
using static Chaos.Engine.Systems.YamlValues;

namespace Chaos.Engine.Scenarios;

/// <summary>
/// Reads the <c>expectations:</c> section (metrics of phases, journeys and dependencies, with bounds) against the target
/// and what the load and faults sections read. One instance per file.
/// </summary>
/// <param name="errors">The file's errors.</param>
/// <param name="target">The system under test the scenario names.</param>
/// <param name="load">What the <c>load:</c> section read.</param>
/// <param name="faults">What the <c>faults:</c> section read.</param>
internal sealed class ExpectationsSectionReader(LoadErrors errors, ScenarioTarget target, LoadSection load, FaultsSection faults) : ScenarioSectionReader(errors)
{
    private const string ExpectationExample = "- { phase: run, journey: checkout, successRate: { atLeast: 0.99 } }";

    private static readonly string[] MetricKeys = [.. ScenarioVocabulary.Metrics.Select(m => m.Key)];
    private static readonly string[] ExpectationKeys = ["phase", "journey", "dependency", "route", "expectedFailures", "fallback", .. MetricKeys];

    private static readonly string[] FailureKindNames = [.. ExpectedFailureKinds.Named];

    private static readonly Dictionary<string, string> MisplacedInExpectation = new(StringComparer.Ordinal)
    {
        ["atLeast"] = "belongs inside the metric; write it like successRate: { atLeast: 0.95 }.",
        ["atMost"] = "belongs inside the metric; write it like p99: { atMost: 2s }.",
        ["metric"] = $"is not a key; write the metric itself as the key, like successRate: {{ atLeast: 0.95 }} (metrics: {DidYouMean.Either(MetricKeys)}).",
    };

    /// <summary>Reads <c>expectations:</c> from the file's root map; null when it has errors.</summary>
    public IReadOnlyList<Expectation>? Read(YamlMap root)
    {
        var field = root.Field("expectations");
        if (ReadRequiredList(root, "expectations", ExpectationExample, "expectation") is not { } list)
        {
            return null;
        }

        var errors = Errors.Count;
        var expectations = new List<Expectation>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var itemField = $"{field}[{i}]";
            if (ExpectMap(list.Children[i], itemField, ExpectationExample) is { } itemNode
                && ReadExpectation(Map(itemNode, itemField, ExpectationKeys, MisplacedInExpectation)) is { } expectation)
            {
                expectations.Add(expectation);
            }
        }

        return Errors.Count == errors ? expectations : null;
    }

    private Expectation? ReadExpectation(YamlMap item)
    {
        var errors = Errors.Count;

        YamlNode? phaseNode = null;
        string? phase = null;
        if (item.Required("phase", "phase: run") is { } node && ReadText(node, item.Field("phase"), "phase: run") is { } text)
        {
            phaseNode = node;
            phase = CheckPhase(node, item.Field("phase"), text) ? text : null;
        }

        string? journey = null;
        if (item.TryGet("journey", out var journeyNode) && ReadText(journeyNode, item.Field("journey"), "journey: checkout") is { } journeyText
            && CheckJourney(journeyNode, item.Field("journey"), journeyText))
        {
            journey = journeyText;
        }

        string? dependency = null;
        if (item.TryGet("dependency", out var dependencyNode)
            && ReadText(dependencyNode, item.Field("dependency"), "dependency: payments.primary") is { } dependencyText)
        {
            if (target.Vocabulary.IsDependency(dependencyText))
            {
                dependency = dependencyText;
            }
            else
            {
                Report(dependencyNode, item.Field("dependency"), NotOneOf(dependencyText, "a dependency", target.Vocabulary.DependencyForms));
            }
        }

        var metricKeys = item.Node.Children.Keys
            .OfType<YamlScalarNode>()
            .Where(k => k.Value is { } key && MetricKeys.Contains(key))
            .ToArray();
        if (metricKeys.Length == 0)
        {
            Report(item.Node, item.Path, $"has no metric; add one of {DidYouMean.Either(MetricKeys)}, like successRate: {{ atLeast: 0.95 }}.");
            return null;
        }

        var first = metricKeys[0].Value!;
        foreach (var extra in metricKeys.Skip(1))
        {
            Report(extra, item.Field(extra.Value!), $"an expectation bounds one metric, and this one already bounds {first} (line {Line(metricKeys[0])}); move {extra.Value} to an expectation of its own.");
        }

        var metric = ScenarioVocabulary.Metrics.First(m => m.Key == first).Value;
        CheckMetricSubject(item, metric, first, phase, phaseNode);
        var expectedFailures = ReadExpectedFailures(item, metric, first);
        var fallback = ReadFallback(item, metric, first);
        var route = ReadRoute(item, metric, first, dependency);
        var bounds = item.TryGet(first, out var boundsNode) ? ReadBounds(boundsNode, item.Field(first), first, metric) : null;
        if (bounds is null && !item.TryGet(first, out _))
        {
            Report(metricKeys[0], item.Field(first), $"has no bounds; write it like {BoundsExample(first, metric)}.");
        }

        if (Errors.Count > errors || phase is null || bounds is null)
        {
            return null;
        }

        return new Expectation
        {
            Phase = phase,
            Journey = journey,
            Dependency = dependency,
            Metric = metric,
            AtLeast = bounds.Value.AtLeast,
            AtMost = bounds.Value.AtMost,
            Line = Line(item.Node),
            ExpectedFailures = expectedFailures ?? ExpectedFailureKinds.Default,
            Fallback = fallback,
            Route = route,
        };
    }

    private bool CheckPhase(YamlNode node, string field, string phase)
    {
        var noFaults = faults.Complete && faults.Valid.Count == 0;
        switch (phase)
        {
            case ScenarioVocabulary.RunPhase:
                return true;

            // A control run without faults is all baseline.
            case ScenarioVocabulary.BaselinePhase when noFaults:
                return true;

            case ScenarioVocabulary.FaultPhase or ScenarioVocabulary.RecoveryPhase when noFaults:
                Report(node, field, $"{phase} is {PhaseMeaning(phase)}, and this scenario has no faults; use run, or add a fault.");
                return false;

            case ScenarioVocabulary.BaselinePhase:
                if (faults.Valid.OrderBy(f => f.Start).FirstOrDefault() is { } firstFault && firstFault.Start == TimeSpan.Zero)
                {
                    Report(node, field, $"baseline is {PhaseMeaning(phase)}, and {firstFault.Name} starts at 0s, so it is empty; start that fault later, or expect on run instead.");
                    return false;
                }

                return true;

            case ScenarioVocabulary.RecoveryPhase:
                if (faults.Complete && load.Duration is { } total
                    && faults.Valid.OrderBy(f => f.End).LastOrDefault() is { } lastFault && lastFault.End == total)
                {
                    Report(node, field, $"recovery is {PhaseMeaning(phase)}, and {lastFault.Name} clears when the load ends ({DurationParser.Format(total)}), so it is empty; end that fault earlier, or lengthen load.phases.");
                    return false;
                }

                return true;

            case ScenarioVocabulary.FaultPhase:
                return true;
        }

        if (faults.Names.Contains(phase) || load.PhaseNames.Contains(phase))
        {
            return true;
        }

        var message = faults.Names.Count > 0
            ? $"\"{phase}\" is not a phase; use baseline, fault, recovery, run or a fault name ({string.Join(", ", faults.Names)})."
            : $"\"{phase}\" is not a phase; use run, or baseline, fault, recovery or a fault's name once the scenario has faults.";
        Report(node, field, message);
        return false;
    }

    private static string PhaseMeaning(string phase) => phase switch
    {
        ScenarioVocabulary.BaselinePhase => "the time before the first fault starts (the whole load when there is none)",
        ScenarioVocabulary.FaultPhase => "the time from the first fault's start to the last fault's end",
        ScenarioVocabulary.RecoveryPhase => "the time after the last fault clears",
        _ => "the whole load",
    };

    private bool CheckJourney(YamlNode node, string field, string journey)
    {
        var declared = load.DeclaredJourneys is null ? target.Vocabulary.Journeys : target.Vocabulary.Journeys.Where(load.JourneyNames.Contains).ToArray();
        if (!target.Vocabulary.Journeys.Contains(journey))
        {
            Report(node, field, NotOneOf(journey, "a journey", declared.Count > 0 ? declared : target.Vocabulary.Journeys));
            return false;
        }

        if (load.DeclaredJourneys is not null && !load.JourneyNames.Contains(journey))
        {
            var others = declared.Count > 0 ? $", or use {DidYouMean.Either(declared)}" : "";
            Report(node, field, $"{journey} is not in load.journeys, so it never runs; add it there with a weight{others}.");
            return false;
        }

        if (load.DeclaredJourneys is not null && load.DeclaredJourneys.TryGetValue(journey, out var weight) && weight == 0)
        {
            Report(node, field, $"{journey} has weight 0 in load.journeys, so it never runs; give it a weight above 0, or expect on another journey.");
            return false;
        }

        return true;
    }

    private void CheckMetricSubject(YamlMap item, ExpectationMetric metric, string metricName, string? phase, YamlNode? phaseNode)
    {
        switch (metric)
        {
            case ExpectationMetric.TimeToCircuitOpen or ExpectationMetric.TimeToRecover:
                if (!item.Has("dependency"))
                {
                    Report(item.Node, item.Field("dependency"), $"is missing; {metricName} is measured on a dependency's circuit breaker, add it, like dependency: payments.primary.");
                }

                if (item.KeyNode("journey") is { } journeyKey)
                {
                    Report(journeyKey, item.Field("journey"), $"does not apply to {metricName}, which is measured on a dependency's circuit breaker; remove it.");
                }

                if (phase is not null && ScenarioVocabulary.ReservedPhases.Contains(phase))
                {
                    var from = metric == ExpectationMetric.TimeToCircuitOpen ? "from a fault's start" : "from a fault's end";
                    var names = faults.Names.Count > 0 ? $" ({string.Join(", ", faults.Names)})" : "";
                    Report(phaseNode!, item.Field("phase"), $"{metricName} is measured {from}, so the phase must name a fault{names}, not {phase}.");
                }

                break;

            case ExpectationMetric.Amplification:
                if (!item.Has("dependency"))
                {
                    Report(item.Node, item.Field("dependency"), "is missing; amplification counts calls to a dependency per journey, add it, like dependency: payments.primary.");
                }

                break;

            case ExpectationMetric.RetriesPerRequest:
                if (!item.Has("dependency"))
                {
                    Report(item.Node, item.Field("dependency"), "is missing; retriesPerRequest counts calls to a dependency that carry the same request key, add it, like dependency: payments.primary.");
                }

                if (item.KeyNode("journey") is { } retriesJourney)
                {
                    Report(retriesJourney, item.Field("journey"), "does not apply to retriesPerRequest, which is measured on a dependency's calls; remove it.");
                }

                break;

            case ExpectationMetric.Fallbacks or ExpectationMetric.DrainTime:
                if (target.System is not null)
                {
                    var measured = metric == ExpectationMetric.Fallbacks ? "the reference storefront's own fallbacks" : "the reference storefront's backlogs";
                    Report(item.KeyNode(metricName) ?? item.Node, item.Field(metricName), $"{metricName} counts {measured} from its /status, and this scenario runs against {target.System.Name}: "
                        + "remove it; a service's own breaker is judged with timeToCircuitOpen and timeToRecover (pipeline: in the system file), its answers with availableRate.");
                    break;
                }

                foreach (var key in new[] { "journey", "dependency" })
                {
                    if (item.KeyNode(key) is { } keyNode)
                    {
                        var what = metric == ExpectationMetric.Fallbacks ? "which counts the storefront's fallbacks over the phase" : "which is measured on the storefront's backlog";
                        Report(keyNode, item.Field(key), $"does not apply to {metricName}, {what}; remove it.");
                    }
                }

                if (metric == ExpectationMetric.DrainTime && phase is not null && ScenarioVocabulary.ReservedPhases.Contains(phase) && phase != ScenarioVocabulary.FaultPhase)
                {
                    var names = faults.Names.Count > 0 ? $" ({string.Join(", ", faults.Names)})" : "";
                    Report(phaseNode!, item.Field("phase"), $"drainTime is measured from a fault's end, so the phase must name a fault{names} or be fault, not {phase}.");
                }

                break;

            default:
                if (item.KeyNode("dependency") is { } dependencyKey)
                {
                    Report(dependencyKey, item.Field("dependency"), $"does not apply to {metricName}, which is measured on journeys; remove it, or use amplification for calls to the dependency.");
                }

                break;
        }
    }

    private (double? AtLeast, double? AtMost)? ReadBounds(YamlNode node, string field, string metricName, ExpectationMetric metric)
    {
        var example = BoundsExample(metricName, metric);
        if (ExpectMap(node, field, example) is not { } map)
        {
            return null;
        }

        var errors = Errors.Count;
        var bounds = Map(map, field, ["atLeast", "atMost"]);
        double? atLeast = bounds.TryGet("atLeast", out var atLeastNode) ? ReadBound(atLeastNode, bounds.Field("atLeast"), metric) : null;
        double? atMost = bounds.TryGet("atMost", out var atMostNode) ? ReadBound(atMostNode, bounds.Field("atMost"), metric) : null;
        if (atLeastNode is null && atMostNode is null && Errors.Count == errors)
        {
            Report(map, field, $"needs atLeast, atMost or both; write it like {example}.");
        }

        if (atLeast > atMost)
        {
            Report(atLeastNode!, bounds.Field("atLeast"), $"{Raw(atLeastNode!)} is above atMost {Raw(atMostNode!)}, so no run can meet both; swap them.");
        }

        return Errors.Count == errors ? (atLeast, atMost) : null;
    }

    private double? ReadBound(YamlNode node, string field, ExpectationMetric metric)
    {
        switch (metric)
        {
            case ExpectationMetric.SuccessRate or ExpectationMetric.AvailableRate:
                return ReadShare(node, field, "atLeast: 0.95", "use 0.95 for 95%");

            case ExpectationMetric.UnexpectedFailures:
                return ReadShare(node, field, "atMost: 0.01", "it is a share of the phase's journeys, use 0.01 for 1%");

            case ExpectationMetric.Fallbacks or ExpectationMetric.RetriesPerRequest:
                var countExample = metric == ExpectationMetric.Fallbacks ? "atLeast: 10" : "atMost: 2";
                var counts = metric == ExpectationMetric.Fallbacks ? "fallbacks counts fallbacks taken" : "retriesPerRequest counts retries of one request";
                return ReadNonNegative(node, field, countExample, $"{counts}, 0 or more, like {countExample}");

            case ExpectationMetric.Amplification:
                return ReadNonNegative(node, field, "atMost: 3", "amplification counts dependency calls per journey, 0 or more, like atMost: 3");

            default:
                return ReadDuration(node, field, allowZero: true, "a time is 0s or more, like atMost: 2s")?.TotalSeconds;
        }
    }

    private static string BoundsExample(string metricName, ExpectationMetric metric) => metric switch
    {
        ExpectationMetric.SuccessRate or ExpectationMetric.AvailableRate => $"{metricName}: {{ atLeast: 0.95 }}",
        ExpectationMetric.Amplification => $"{metricName}: {{ atMost: 3 }}",
        ExpectationMetric.UnexpectedFailures => $"{metricName}: {{ atMost: 0 }}",
        ExpectationMetric.Fallbacks => $"{metricName}: {{ atLeast: 10 }}",
        ExpectationMetric.RetriesPerRequest => $"{metricName}: {{ atMost: 2 }}",
        ExpectationMetric.DrainTime => $"{metricName}: {{ atMost: 30s }}",
        _ => $"{metricName}: {{ atMost: 2s }}",
    };

    private IReadOnlyList<string>? ReadExpectedFailures(YamlMap item, ExpectationMetric metric, string metricName)
    {
        const string Example = "expectedFailures: [degraded, 401]";
        if (!MetricTakes(item, "expectedFailures", ExpectationMetric.UnexpectedFailures, metric, metricName, ", or bound unexpectedFailures: { atMost: 0 } with it")
            || !item.TryGet("expectedFailures", out var node))
        {
            return null;
        }

        var field = item.Field("expectedFailures");

        if (ExpectList(node, field, Example) is not { } list)
        {
            return null;
        }

        var kinds = new List<string>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var kindField = $"{field}[{i}]";
            if (ReadText(list.Children[i], kindField, Example) is not { } text)
            {
                continue;
            }

            if (FailureKindNames.Contains(text))
            {
                kinds.Add(text);
            }
            else if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var status) && status is >= 100 and <= 599)
            {
                kinds.Add(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (text.Length > 0 && text.All(char.IsAsciiDigit))
            {
                Report(list.Children[i], kindField, $"{text} is not an HTTP status; use a status from 100 to 599, like 401.");
            }
            else
            {
                var suggestion = DidYouMean.Find(text, FailureKindNames);
                var hint = suggestion is null ? "" : $"did you mean {suggestion}? ";
                Report(list.Children[i], kindField, $"\"{text}\" is not a failure kind; {hint}use {DidYouMean.Either(FailureKindNames)} or an HTTP status like 401.");
            }
        }

        return kinds.Distinct(StringComparer.Ordinal).ToArray();
    }

    private FallbackKind? ReadFallback(YamlMap item, ExpectationMetric metric, string metricName)
    {
        var names = ScenarioVocabulary.Fallbacks.Select(f => f.Key).ToArray();
        if (!MetricTakes(item, "fallback", ExpectationMetric.Fallbacks, metric, metricName))
        {
            return null;
        }

        if (!item.TryGet("fallback", out var node))
        {
            Report(item.Node, item.Field("fallback"), $"is missing; fallbacks counts one fallback, add it, like fallback: secondaryGateway ({DidYouMean.Either(names)}).");
            return null;
        }

        if (ReadText(node!, item.Field("fallback"), "fallback: secondaryGateway") is not { } text)
        {
            return null;
        }

        foreach (var (name, kind) in ScenarioVocabulary.Fallbacks)
        {
            if (name == text)
            {
                return kind;
            }
        }

        Report(node!, item.Field("fallback"), NotOneOf(text, "a fallback", names));
        return null;
    }

    private string? ReadRoute(YamlMap item, ExpectationMetric metric, string metricName, string? dependency)
    {
        if (!MetricTakes(item, "route", ExpectationMetric.RetriesPerRequest, metric, metricName) || !item.TryGet("route", out var node))
        {
            return null;
        }

        var field = item.Field("route");

        if (ReadText(node, field, "route: charges") is not { } route)
        {
            return null;
        }

        if (dependency is not null && target.Vocabulary.RoutesOf(dependency) is { Count: > 0 } routes && !routes.Contains(route))
        {
            Report(node, field, NotOneOf(route, $"a route of {dependency}", routes));
            return null;
        }

        return route;
    }

    /// <summary>
    /// Whether the expectation's metric is the one <paramref name="only"/> that takes <paramref name="key"/>; when it is
    /// another, the key (if present) is reported and <paramref name="orElse"/> ends the message after "remove it".
    /// </summary>
    private bool MetricTakes(YamlMap item, string key, ExpectationMetric only, ExpectationMetric metric, string metricName, string orElse = "")
    {
        if (metric == only)
        {
            return true;
        }

        if (item.TryGet(key, out _))
        {
            Report(item.KeyNode(key)!, item.Field(key), $"only applies to {ScenarioVocabulary.NameOf(only)}, and this expectation bounds {metricName}; remove it{orElse}.");
        }

        return false;
    }
}
