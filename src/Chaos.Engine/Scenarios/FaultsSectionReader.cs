using Chaos.Engine.Faults;
using Chaos.Engine.Systems;
using YamlDotNet.RepresentationModel;
using static Chaos.Engine.Systems.YamlValues;

namespace Chaos.Engine.Scenarios;

/// <summary>
/// Reads the <c>faults:</c> section (the fault timeline) against the target's dependencies and the load's length, and
/// returns with it what the expectations are checked against (<see cref="FaultsSection"/>). One instance per file.
/// </summary>
/// <param name="errors">The file's errors.</param>
/// <param name="vocabulary">The names of the system under test.</param>
/// <param name="loadDuration">The load's total duration (<see cref="LoadSection.Duration"/>), or null when it could not be read.</param>
internal sealed class FaultsSectionReader(LoadErrors errors, ITargetVocabulary vocabulary, TimeSpan? loadDuration) : ScenarioSectionReader(errors)
{
    private const string FaultItemExample = "- { name: outage, dependency: payments.primary, start: 20s, duration: 25s, fault: { kind: status, status: 503 } }";
    private const string FaultSpecExample = "fault: { kind: status, status: 503, injectionRate: 1.0 }";

    private const string HostsExample = "hosts: { tags: { os: windows } }";
    private const string RecoveryExample = "recovery: { shape: gradual, over: 30s }";
    private const string CrashExample = "fault: { kind: crash, restartAfter: 3s }";
    private const string ServiceFaultExample = "- { name: storefront-crash, target: service, start: 20s, fault: { kind: crash, restartAfter: 3s } }";

    private static readonly string[] FaultKeys = ["name", "target", "dependency", "route", "hosts", "start", "duration", "recovery", "fault"];
    private static readonly string[] FaultSpecKeys =
        ["kind", "injectionRate", "status", "retryAfter", "delay", "distribution", "min", "max", "p50", "p99", "duration", "down", "up", "restartAfter"];

    private static readonly string[] HostsKeys = ["tags", "share"];
    private static readonly string[] RecoveryKeys = ["shape", "over", "every"];

    /// <summary>The keys of <c>fault:</c> that only some kinds take, with those kinds.</summary>
    private static readonly (string Key, FaultKind[] Kinds)[] KindKeys =
    [
        ("status", [FaultKind.Status]),
        ("retryAfter", [FaultKind.Status]),
        ("delay", [FaultKind.Latency]),
        ("distribution", [FaultKind.Latency]),
        ("min", [FaultKind.Latency]),
        ("max", [FaultKind.Latency]),
        ("p50", [FaultKind.Latency]),
        ("p99", [FaultKind.Latency]),
        ("duration", [FaultKind.Hang]),
        ("down", [FaultKind.Flapping]),
        ("up", [FaultKind.Flapping]),
        ("restartAfter", [FaultKind.Crash]),
    ];

    /// <summary>The keys of a fault entry a fault on the service (<c>target: service</c>) does not take, with why and what to do.</summary>
    private static readonly (string Key, string Why)[] ServiceFaultExcluded =
    [
        ("dependency", "a fault has a target or a dependency, not both: target: service kills the system under test itself; remove dependency, or remove target to fault that dependency."),
        ("route", "a crash kills the whole service, every route at once; remove route."),
        ("hosts", "selects hosts of a pool, and the service is not one; remove hosts."),
        ("duration", $"a crash lasts until the service is started again, which fault.restartAfter says; remove duration, and write {CrashExample}."),
        ("recovery", "a crashed service comes back by being restarted after fault.restartAfter; remove recovery."),
    ];

    /// <summary>The keys of a latency fault that only some distributions take, with those distributions.</summary>
    private static readonly (string Key, LatencyDistribution[] Distributions)[] DistributionKeys =
    [
        ("delay", [LatencyDistribution.Fixed]),
        ("min", [LatencyDistribution.Uniform]),
        ("max", [LatencyDistribution.Uniform, LatencyDistribution.LongTail]),
        ("p50", [LatencyDistribution.LongTail]),
        ("p99", [LatencyDistribution.LongTail]),
    ];

    private static readonly Dictionary<string, string> MisplacedInFault =
        FaultSpecKeys.Where(key => !FaultKeys.Contains(key))
            .ToDictionary(key => key, key => $"belongs inside fault; write it like {FaultSpecExample}.", StringComparer.Ordinal);

    /// <summary>The fault names as written, in file order, for checking expectation phases.</summary>
    private readonly List<string> _faultNames = [];

    /// <summary>The valid fault windows in file order; equal to the timeline when <see cref="_faultsComplete"/>.</summary>
    private readonly List<FaultWindow> _validFaults = [];

    /// <summary>The <c>recovery:</c> node of each valid window that has one, for messages about its tail.</summary>
    private readonly Dictionary<FaultWindow, YamlNode> _recoveryNodes = new(ReferenceEqualityComparer.Instance);

    /// <summary>Whether every fault was read without error, so that rules over the whole timeline can be checked.</summary>
    private bool _faultsComplete;

    /// <summary>Reads <c>faults:</c> from the file's root map.</summary>
    public FaultsSection Read(YamlMap root)
    {
        var timeline = ReadTimeline(root);
        return new FaultsSection(timeline, _faultNames, _validFaults, _faultsComplete);
    }

    private IReadOnlyList<FaultWindow>? ReadTimeline(YamlMap root)
    {
        var field = root.Field("faults");
        if (!root.TryGet("faults", out var node))
        {
            _faultsComplete = true;
            return [];
        }

        if (ExpectList(node, field, FaultItemExample) is not { } list)
        {
            return null;
        }

        var errors = Errors.Count;
        var entries = new List<(int Index, YamlNode Start, YamlNode Duration, FaultWindow Window)>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var itemField = $"{field}[{i}]";
            if (ExpectMap(list.Children[i], itemField, FaultItemExample) is not { } itemNode)
            {
                continue;
            }

            var item = Map(itemNode, itemField, FaultKeys, MisplacedInFault);
            if (ReadFault(item, names) is { } entry)
            {
                entries.Add((i, entry.Start, entry.Duration, entry.Window));
            }
        }

        _validFaults.AddRange(entries.Select(e => e.Window));
        CheckAgainstLoadEnd(entries, field);
        CheckOverlaps(entries, field);
        _faultsComplete = Errors.Count == errors;
        return _faultsComplete ? [.. _validFaults.OrderBy(w => w.Start)] : null;
    }

    private (YamlNode Start, YamlNode Duration, FaultWindow Window)? ReadFault(YamlMap item, Dictionary<string, int> names)
    {
        var errors = Errors.Count;
        var name = ReadFaultName(item, names);
        if (item.TryGet("target", out var targetNode))
        {
            return ReadServiceFault(item, name, targetNode, errors);
        }

        string? dependency = null;
        var dependencyForms = DidYouMean.Either(vocabulary.DependencyForms);
        if (item.Required("dependency", "dependency: payments.primary") is { } dependencyNode
            && ReadText(dependencyNode, item.Field("dependency"), "dependency: payments.primary") is { } dependencyText)
        {
            if (vocabulary.IsDependency(dependencyText))
            {
                dependency = dependencyText;
            }
            else
            {
                Report(dependencyNode, item.Field("dependency"), NotOneOf(dependencyText, "a dependency", vocabulary.DependencyForms)
                    + (vocabulary.Pools.Any(p => dependencyText.StartsWith(p + ".", StringComparison.Ordinal)) ? " A host name is lower-case letters, digits and hyphens, like fulfillment.fc-win-1." : ""));
            }
        }

        string? route = null;
        if (item.TryGet("route", out var routeNode) && ReadText(routeNode, item.Field("route"), "route: charges") is { } routeText)
        {
            route = routeText;
            var routes = dependency is null ? null : vocabulary.RoutesOf(dependency);
            if (routes is not null && !routes.Contains(routeText))
            {
                var message = routes.Count == 0
                    ? $"{dependency} has no routes to limit a fault to; remove route to fault every call."
                    : NotOneOf(routeText, $"a route of {dependency}", routes) + " Or remove route to fault every route.";
                Report(routeNode, item.Field("route"), message);
            }
        }

        var hosts = ReadHosts(item, dependency);

        var startNode = item.Required("start", "start: 20s");
        var start = startNode is null ? null
            : ReadDuration(startNode, item.Field("start"), allowZero: true, "a fault starts at 0s (the start of the load) or later");
        var durationNode = item.Required("duration", "duration: 25s");
        var duration = durationNode is null ? null
            : ReadDuration(durationNode, item.Field("duration"), allowZero: false, "a fault lasts more than 0s, like duration: 25s");

        var recovery = ReadRecovery(item, dependency);
        var fault = ReadFaultSpec(item);
        if (fault is not null && fault.IsServiceLevel && dependency is not null && item.TryGet("dependency", out var crashedDependency))
        {
            Report(crashedDependency, item.Field("dependency"), $"a crash kills the system under test, not a dependency; write target: service instead of dependency: {dependency}, like {ServiceFaultExample}.");
        }

        if (fault is not null && fault.IsHostLevel && route is not null && routeNode is not null)
        {
            Report(routeNode, item.Field("route"), $"a {ScenarioVocabulary.NameOf(fault.Kind)} fault takes the whole host down, every route at once; remove route, or use kind: status or abort to fault one route.");
        }

        if (Errors.Count > errors || name is null || dependency is null || start is null || duration is null || fault is null || recovery is null)
        {
            return null;
        }

        var window = new FaultWindow
        {
            Name = name,
            Dependency = dependency,
            Route = route,
            Hosts = hosts,
            Start = start.Value,
            Duration = duration.Value,
            Recovery = recovery,
            Fault = fault,
        };
        if (item.TryGet("recovery", out var recoveryNode))
        {
            _recoveryNodes[window] = recoveryNode;
        }

        return (startNode!, durationNode!, window);
    }

    /// <summary>
    /// A fault on the system under test itself (<c>target: service</c>): only <c>kind: crash</c>, which kills the service
    /// at <c>start</c> and restarts it after <c>fault.restartAfter</c>; the window lasts from the kill to the restart.
    /// </summary>
    private (YamlNode Start, YamlNode Duration, FaultWindow Window)? ReadServiceFault(YamlMap item, string? name, YamlNode targetNode, int errors)
    {
        var targetField = item.Field("target");
        if (ReadText(targetNode, targetField, "target: service") is { } target && target != ScenarioVocabulary.ServiceTarget)
        {
            Report(targetNode, targetField, NotOneOf(target, "a fault target", [ScenarioVocabulary.ServiceTarget])
                + " Or remove target and write dependency: payments.primary to fault a dependency.");
        }

        foreach (var (key, why) in ServiceFaultExcluded)
        {
            if (item.KeyNode(key) is { } keyNode)
            {
                Report(keyNode, item.Field(key), why);
            }
        }

        var startNode = item.Required("start", "start: 20s");
        var start = startNode is null ? null
            : ReadDuration(startNode, item.Field("start"), allowZero: true, "a crash happens at 0s (the start of the load) or later");
        var fault = ReadFaultSpec(item);
        if (fault is not null && !fault.IsServiceLevel && item.TryGet("fault", out var faultNode))
        {
            Report(faultNode, $"{item.Field("fault")}.kind", $"target: service takes kind: crash only (the service is killed and restarted), and this is a {ScenarioVocabulary.NameOf(fault.Kind)} fault; "
                + $"write {CrashExample}, or use dependency: payments.primary (without target) for a {ScenarioVocabulary.NameOf(fault.Kind)} fault on a dependency.");
        }

        if (Errors.Count > errors || name is null || start is null || fault is null
            || !item.TryGet("fault", out var specNode) || specNode is not YamlMappingNode spec
            || !spec.Children.TryGetValue(new YamlScalarNode("restartAfter"), out var restartNode))
        {
            return null;
        }

        var window = new FaultWindow
        {
            Name = name,
            Dependency = ScenarioVocabulary.ServiceTarget,
            Start = start.Value,
            Duration = fault.RestartAfter,
            Fault = fault,
        };
        return (startNode!, restartNode, window);
    }

    private HostCohort? ReadHosts(YamlMap item, string? dependency)
    {
        var field = item.Field("hosts");
        if (!item.TryGet("hosts", out var node))
        {
            return null;
        }

        if (dependency is not null && !vocabulary.IsPool(dependency))
        {
            var pools = DidYouMean.Either(vocabulary.Pools);
            Report(item.KeyNode("hosts") ?? node, field, $"selects hosts of a pool, and {dependency} is not one; use dependency: {pools} with hosts, or remove hosts.");
            return null;
        }

        if (ExpectMap(node, field, HostsExample) is not { } map)
        {
            return null;
        }

        var hosts = Map(map, field, HostsKeys);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (hosts.TryGet("tags", out var tagsNode) && ExpectMap(tagsNode, hosts.Field("tags"), "tags: { os: windows }") is { } tagsMap)
        {
            foreach (var (keyNode, valueNode) in tagsMap.Children)
            {
                var tagField = $"{hosts.Field("tags")}.{(keyNode as YamlScalarNode)?.Value}";
                if (ReadText(keyNode, hosts.Field("tags"), "tags: { os: windows }") is not { } key)
                {
                    continue;
                }

                if (!vocabulary.HostTags.Contains(key))
                {
                    Report(keyNode, tagField, NotOneOf(key, "a host tag", vocabulary.HostTags));
                    continue;
                }

                if (ReadText(valueNode, tagField, $"{key}: windows") is { } value)
                {
                    var known = vocabulary.HostTagValues[key];
                    if (known.Contains(value, StringComparer.OrdinalIgnoreCase))
                    {
                        tags[key] = value;
                    }
                    else
                    {
                        Report(valueNode, tagField, NotOneOf(value, $"a value of {key} any host carries, so the cohort would select no host", known));
                    }
                }
            }

            if (tagsMap.Children.Count == 0)
            {
                Report(tagsNode, hosts.Field("tags"), $"is empty; name the tags a host must carry, like tags: {{ os: windows }}, or remove tags to pick from every host.");
            }
        }

        double? share = null;
        if (hosts.TryGet("share", out var shareNode) && ReadNumber(shareNode, hosts.Field("share"), "share: 0.5") is { } readShare)
        {
            share = readShare;
            if (readShare is <= 0 or > 1)
            {
                Report(shareNode, hosts.Field("share"), $"{Raw(shareNode)} is outside (0, 1]; a share of the matching hosts, like 0.5 for half of them.");
            }
        }

        if (!hosts.Has("tags") && !hosts.Has("share"))
        {
            Report(node, field, $"selects no hosts; write tags, share or both, like {HostsExample} or hosts: {{ share: 0.5 }}, or remove hosts for every host.");
        }

        return new HostCohort { Tags = tags, Share = share };
    }

    private FaultRecovery? ReadRecovery(YamlMap item, string? dependency)
    {
        var field = item.Field("recovery");
        if (!item.TryGet("recovery", out var node))
        {
            return FaultRecovery.Instant;
        }

        var errors = Errors.Count;
        var shapes = ScenarioVocabulary.RecoveryShapes.Select(r => r.Key).ToArray();
        YamlNode shapeNode;
        string shapeField;
        YamlMap? map = null;
        if (node is YamlMappingNode mapNode)
        {
            map = Map(mapNode, field, RecoveryKeys);
            if (map.Required("shape", "shape: gradual") is not { } shapeValue)
            {
                return null;
            }

            shapeNode = shapeValue;
            shapeField = map.Field("shape");
        }
        else if (node is YamlScalarNode)
        {
            shapeNode = node;
            shapeField = field;
        }
        else
        {
            Report(node, field, $"expected a shape or a map, got {Describe(node)}; write it like recovery: instant or {RecoveryExample}.");
            return null;
        }

        if (ReadText(shapeNode, shapeField, RecoveryExample) is not { } shapeName)
        {
            return null;
        }

        var known = ScenarioVocabulary.RecoveryShapes.Where(r => r.Key == shapeName).Select(r => (RecoveryShape?)r.Value).FirstOrDefault();
        if (known is not { } shape)
        {
            Report(shapeNode, shapeField, NotOneOf(shapeName, "a recovery shape", shapes));
            return null;
        }

        var recovery = new FaultRecovery { Shape = shape };
        if (map is not null)
        {
            RejectRecoveryKey(map, "over", shape, RecoveryShape.Gradual);
            RejectRecoveryKey(map, "every", shape, RecoveryShape.Staged);
            if (shape == RecoveryShape.Gradual && map.TryGet("over", out var overNode)
                && ReadDuration(overNode, map.Field("over"), allowZero: false, "a gradual recovery ramps the rate down over more than 0s, like over: 30s") is { } over)
            {
                recovery = recovery with { Over = over };
            }

            if (shape == RecoveryShape.Staged && map.TryGet("every", out var everyNode)
                && ReadDuration(everyNode, map.Field("every"), allowZero: true, "hosts come back one every 0s or more, like every: 10s") is { } every)
            {
                recovery = recovery with { Every = every };
            }
        }

        if (shape == RecoveryShape.Staged && dependency is not null && !vocabulary.IsPool(dependency))
        {
            Report(shapeNode, shapeField, $"staged brings the hosts of a cohort back one by one, and {dependency} is not a pool; "
                + $"use dependency: {DidYouMean.Either(vocabulary.Pools)} (with hosts to pick a cohort), or use recovery: instant or gradual.");
        }

        return Errors.Count == errors ? recovery : null;
    }

    private void RejectRecoveryKey(YamlMap map, string key, RecoveryShape shape, RecoveryShape keyShape)
    {
        if (shape != keyShape && map.KeyNode(key) is { } keyNode)
        {
            var keyShapeName = ScenarioVocabulary.NameOf(keyShape);
            Report(keyNode, map.Field(key), $"applies to a {keyShapeName} recovery only, and this one is {ScenarioVocabulary.NameOf(shape)}; remove it, or use shape: {keyShapeName}.");
        }
    }

    private string? ReadFaultName(YamlMap item, Dictionary<string, int> names)
    {
        var field = item.Field("name");
        if (item.Required("name", "name: outage") is not { } node || ReadText(node, field, "name: outage") is not { } name)
        {
            return null;
        }

        if (!_faultNames.Contains(name))
        {
            _faultNames.Add(name);
        }

        if (!CheckKebab(node, field, name, "gateway-outage"))
        {
            return null;
        }

        if (!CheckNotReservedPhase(node, field, name, "name the fault after what fails, like gateway-outage"))
        {
            return null;
        }

        if (names.TryGetValue(name, out var line))
        {
            Report(node, field, $"\"{name}\" is already the name of the fault on line {line}; fault names are unique, rename one.");
            return null;
        }

        names[name] = Line(node);
        return name;
    }

    private FaultSpec? ReadFaultSpec(YamlMap item)
    {
        if (item.Required("fault", FaultSpecExample) is not { } node || ExpectMap(node, item.Field("fault"), FaultSpecExample) is not { } map)
        {
            return null;
        }

        var errors = Errors.Count;
        var fault = Map(map, item.Field("fault"), FaultSpecKeys);
        var kindNames = ScenarioVocabulary.FaultKinds.Select(k => k.Key).ToArray();

        FaultKind? kind = null;
        if (fault.Required("kind", "kind: status") is { } kindNode && ReadText(kindNode, fault.Field("kind"), "kind: status") is { } kindName)
        {
            var known = ScenarioVocabulary.FaultKinds.Where(k => k.Key == kindName).Select(k => (FaultKind?)k.Value).FirstOrDefault();
            if (known is null)
            {
                Report(kindNode, fault.Field("kind"), NotOneOf(kindName, "a fault kind", kindNames));
            }

            kind = known;
        }

        var injectionRate = 1.0;
        if (fault.TryGet("injectionRate", out var rateNode) && ReadShare(rateNode, fault.Field("injectionRate"), "injectionRate: 0.05", "use 0.05 for 5%") is { } rate)
        {
            injectionRate = rate;
        }

        if (kind is not { } k)
        {
            return null;
        }

        foreach (var (key, kinds) in KindKeys)
        {
            if (!kinds.Contains(k) && fault.KeyNode(key) is { } keyNode)
            {
                var keyKindName = DidYouMean.Either(kinds.Select(ScenarioVocabulary.NameOf).ToArray());
                Report(keyNode, fault.Field(key), $"applies to {keyKindName} faults only, and this is a {ScenarioVocabulary.NameOf(k)} fault; remove it, or use kind: {keyKindName}.");
            }
        }

        var spec = new FaultSpec { Kind = k, InjectionRate = injectionRate };
        spec = k switch
        {
            FaultKind.Status => ReadStatusFault(fault, spec),
            FaultKind.Latency => ReadLatencyFault(fault, spec),
            FaultKind.Hang => ReadHangFault(fault, spec),
            FaultKind.Flapping => ReadFlappingFault(fault, spec),
            FaultKind.Crash => ReadCrashFault(fault, spec),
            _ => spec,
        };

        return Errors.Count > errors ? null : spec;
    }

    private FaultSpec ReadStatusFault(YamlMap fault, FaultSpec spec)
    {
        if (fault.TryGet("status", out var statusNode) && ReadInt(statusNode, fault.Field("status"), "status: 503") is { } status)
        {
            spec = spec with { StatusCode = status };
            if (status is < 400 or > 599)
            {
                Report(statusNode, fault.Field("status"), $"{status} is outside [400, 599]; a status fault answers with an error status, like 503.");
            }
        }

        if (fault.TryGet("retryAfter", out var retryNode))
        {
            spec = spec with { RetryAfter = ReadDuration(retryNode, fault.Field("retryAfter"), allowZero: true, "write the Retry-After to send, like retryAfter: 5s, or leave it out") };
        }

        return spec;
    }

    private FaultSpec ReadLatencyFault(YamlMap fault, FaultSpec spec)
    {
        var distribution = LatencyDistribution.Fixed;
        if (fault.TryGet("distribution", out var distributionNode)
            && ReadText(distributionNode, fault.Field("distribution"), "distribution: uniform") is { } distributionName)
        {
            var names = ScenarioVocabulary.LatencyDistributions.Select(d => d.Key).ToArray();
            if (ScenarioVocabulary.LatencyDistributions.Where(d => d.Key == distributionName).Select(d => (LatencyDistribution?)d.Value).FirstOrDefault() is { } known)
            {
                distribution = known;
            }
            else
            {
                Report(distributionNode, fault.Field("distribution"), NotOneOf(distributionName, "a latency distribution", names));
                return spec;
            }
        }

        var distributionText = ScenarioVocabulary.LatencyDistributions.First(d => d.Value == distribution).Key;
        foreach (var (key, distributions) in DistributionKeys)
        {
            if (!distributions.Contains(distribution) && fault.KeyNode(key) is { } keyNode)
            {
                var takes = DidYouMean.Either(distributions.Select(d => ScenarioVocabulary.LatencyDistributions.First(n => n.Value == d).Key).ToArray());
                Report(keyNode, fault.Field(key), $"applies to the {takes} distribution only, and this latency is {distributionText}; remove it, or use distribution: {takes}.");
            }
        }

        spec = spec with { Distribution = distribution };
        switch (distribution)
        {
            case LatencyDistribution.Uniform:
                var min = RequiredDuration(fault, "min", "min: 100ms", allowZero: true, "a uniform latency starts at 0s or more, like min: 100ms");
                var max = RequiredDuration(fault, "max", "max: 2s", allowZero: false, "a uniform latency ends above 0s, like max: 2s");
                if (min is { } low && max is { } high && high < low)
                {
                    Report(fault.KeyNode("max")!, fault.Field("max"), $"{DurationParser.Format(high)} is below min ({DurationParser.Format(low)}); swap them, or raise max.");
                }

                return spec with { MinDelay = min ?? TimeSpan.Zero, MaxDelay = max ?? TimeSpan.Zero };
            case LatencyDistribution.LongTail:
                var p50 = RequiredDuration(fault, "p50", "p50: 200ms", allowZero: false, "a long-tail latency has a median above 0s, like p50: 200ms");
                var p99 = RequiredDuration(fault, "p99", "p99: 5s", allowZero: false, "a long-tail latency has a 99th percentile above 0s, like p99: 5s");
                TimeSpan? cap = null;
                if (fault.TryGet("max", out var capNode))
                {
                    cap = ReadDuration(capNode, fault.Field("max"), allowZero: false, "cap a long tail above 0s, like max: 30s, or leave it out");
                }

                if (p50 is { } median && p99 is { } tail && tail <= median)
                {
                    Report(fault.KeyNode("p99")!, fault.Field("p99"), $"{DurationParser.Format(tail)} is not above p50 ({DurationParser.Format(median)}); a long tail has p99 above p50, like p50: 200ms, p99: 5s.");
                }
                else if (p99 is { } tail99 && cap is { } capped && capped < tail99)
                {
                    Report(fault.KeyNode("max")!, fault.Field("max"), $"{DurationParser.Format(capped)} is below p99 ({DurationParser.Format(tail99)}); raise max to p99 or more, or leave it out.");
                }

                return spec with { P50 = p50 ?? TimeSpan.Zero, P99 = p99 ?? TimeSpan.Zero, MaxDelay = cap ?? TimeSpan.Zero };
            default:
                var delay = RequiredDuration(fault, "delay", "delay: 2500ms", allowZero: false, "a latency fault adds a delay above 0s, like delay: 2500ms");
                return spec with { Delay = delay ?? TimeSpan.Zero };
        }
    }

    private FaultSpec ReadHangFault(YamlMap fault, FaultSpec spec)
    {
        if (fault.TryGet("duration", out var node)
            && ReadDuration(node, fault.Field("duration"), allowZero: false, "a hang holds the request for more than 0s, past the client's timeout, like duration: 60s") is { } hold)
        {
            spec = spec with { HangFor = hold };
        }

        return spec;
    }

    private FaultSpec ReadFlappingFault(YamlMap fault, FaultSpec spec)
    {
        var down = RequiredDuration(fault, "down", "down: 20s", allowZero: false, "a flapping host stays down for more than 0s each cycle, like down: 20s");
        var up = RequiredDuration(fault, "up", "up: 10s", allowZero: false, "a flapping host stays up for more than 0s each cycle, like up: 10s");
        return spec with { DownFor = down ?? TimeSpan.Zero, UpFor = up ?? TimeSpan.Zero };
    }

    private FaultSpec ReadCrashFault(YamlMap fault, FaultSpec spec)
    {
        if (fault.KeyNode("injectionRate") is { } rateKey)
        {
            Report(rateKey, fault.Field("injectionRate"), "a crash kills the service once, at start; remove injectionRate.");
        }

        var restart = RequiredDuration(fault, "restartAfter", "restartAfter: 3s", allowZero: false, "a crashed service stays dead for more than 0s before it is started again, like restartAfter: 3s");
        return spec with { RestartAfter = restart ?? TimeSpan.Zero };
    }

    private TimeSpan? RequiredDuration(YamlMap map, string key, string example, bool allowZero, string what) =>
        map.Required(key, example) is { } node ? ReadDuration(node, map.Field(key), allowZero, what) : null;

    private void CheckAgainstLoadEnd(List<(int Index, YamlNode Start, YamlNode Duration, FaultWindow Window)> entries, string field)
    {
        if (loadDuration is not { } total)
        {
            return;
        }

        foreach (var (index, startNode, durationNode, window) in entries)
        {
            if (window.Start >= total)
            {
                Report(startNode, $"{field}[{index}].start", $"{DurationParser.Format(window.Start)} is at or after the end of the load ({DurationParser.Format(total)}); start the fault earlier, or lengthen load.phases.");
            }
            else if (window.End > total)
            {
                Report(durationNode, $"{field}[{index}].{(window.Fault.IsServiceLevel ? "fault.restartAfter" : "duration")}", $"the fault would end at {DurationParser.Format(window.End)}, after the load ends at {DurationParser.Format(total)}; shorten it to {DurationParser.Format(total - window.Start)} or less, or lengthen load.phases.");
            }
            else if (window.End + window.Recovery.Tail > total)
            {
                Report(_recoveryNodes.GetValueOrDefault(window, durationNode), $"{field}[{index}].recovery.over", $"the gradual recovery would end at {DurationParser.Format(window.End + window.Recovery.Tail)}, after the load ends at {DurationParser.Format(total)}; shorten over to {DurationParser.Format(total - window.End)} or less, end the fault earlier, or lengthen load.phases.");
            }
        }
    }

    private void CheckOverlaps(List<(int Index, YamlNode Start, YamlNode Duration, FaultWindow Window)> entries, string field)
    {
        for (var j = 1; j < entries.Count; j++)
        {
            var later = entries[j].Window;
            foreach (var (index, _, _, earlier) in entries.Take(j))
            {
                if (earlier.Dependency != later.Dependency || earlier.Route != later.Route || earlier.Fault.Kind != later.Fault.Kind
                    || !Equals(earlier.Hosts, later.Hosts)
                    || earlier.Start >= EffectiveEnd(later) || later.Start >= EffectiveEnd(earlier))
                {
                    continue;
                }

                if (later.Fault.IsServiceLevel)
                {
                    Report(
                        entries[j].Start,
                        $"{field}[{entries[j].Index}].start",
                        $"{later.Name} ({Window(later)}) crashes the service before {earlier.Name} ({Window(earlier)}, faults[{index}]) has restarted it; "
                        + $"start it at {DurationParser.Format(earlier.End)} or later, or merge the two into one crash with a longer restartAfter.");
                    break;
                }

                var target = later.Route is null ? $"{later.Dependency} (every route)" : $"{later.Dependency} route {later.Route}";
                if (later.Hosts is { } cohort)
                {
                    target += $", hosts {cohort}";
                }

                Report(
                    entries[j].Start,
                    $"{field}[{entries[j].Index}].start",
                    $"{later.Name} ({Window(later)}) overlaps {earlier.Name} ({Window(earlier)}, faults[{index}]), another {ScenarioVocabulary.NameOf(later.Fault.Kind)} fault on {target}; "
                    + "move one so they do not overlap, limit one to another route, or merge them.");
                break;
            }
        }

        // A gradual recovery keeps the fault applied, at a falling rate, until its tail ends.
        static TimeSpan EffectiveEnd(FaultWindow w) => w.End + w.Recovery.Tail;

        static string Window(FaultWindow w) => w.Recovery.Tail > TimeSpan.Zero
            ? $"{DurationParser.Format(w.Start)} to {DurationParser.Format(w.End)}, recovering until {DurationParser.Format(EffectiveEnd(w))}"
            : $"{DurationParser.Format(w.Start)} to {DurationParser.Format(w.End)}";
    }
}
