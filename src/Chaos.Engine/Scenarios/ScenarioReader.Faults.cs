using Chaos.Engine.Faults;
using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Scenarios;

/// <summary>The <c>faults:</c> section: the fault timeline.</summary>
internal sealed partial class ScenarioReader
{
    private const string FaultItemExample = "- { name: outage, dependency: payments.primary, start: 20s, duration: 25s, fault: { kind: status, status: 503 } }";
    private const string FaultSpecExample = "fault: { kind: status, status: 503, injectionRate: 1.0 }";

    private static readonly string[] FaultKeys = ["name", "dependency", "route", "start", "duration", "fault"];
    private static readonly string[] FaultSpecKeys = ["kind", "status", "retryAfter", "delay", "injectionRate"];

    private static readonly Dictionary<string, string> MisplacedInFault =
        FaultSpecKeys.ToDictionary(key => key, key => $"belongs inside fault; write it like {FaultSpecExample}.", StringComparer.Ordinal);

    /// <summary>The fault names as written, in file order, for checking expectation phases.</summary>
    private readonly List<string> _faultNames = [];

    /// <summary>The valid fault windows in file order; equal to the timeline when <see cref="_faultsComplete"/>.</summary>
    private readonly List<FaultWindow> _validFaults = [];

    /// <summary>Whether every fault was read without error, so that rules over the whole timeline can be checked.</summary>
    private bool _faultsComplete;

    private IReadOnlyList<FaultWindow>? ReadFaults(MapView root)
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

        var errors = _errors.Count;
        var entries = new List<(int Index, YamlNode Start, YamlNode Duration, FaultWindow Window)>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var itemField = $"{field}[{i}]";
            if (ExpectMap(list.Children[i], itemField, FaultItemExample) is not { } itemNode)
            {
                continue;
            }

            var item = new MapView(this, itemNode, itemField, FaultKeys, MisplacedInFault);
            if (ReadFault(item, names) is { } entry)
            {
                entries.Add((i, entry.Start, entry.Duration, entry.Window));
            }
        }

        _validFaults.AddRange(entries.Select(e => e.Window));
        CheckAgainstLoadEnd(entries, field);
        CheckOverlaps(entries, field);
        _faultsComplete = _errors.Count == errors;
        return _faultsComplete ? [.. _validFaults.OrderBy(w => w.Start)] : null;
    }

    private (YamlNode Start, YamlNode Duration, FaultWindow Window)? ReadFault(MapView item, Dictionary<string, int> names)
    {
        var errors = _errors.Count;
        var name = ReadFaultName(item, names);

        string? dependency = null;
        if (item.Required("dependency", "dependency: payments.primary") is { } dependencyNode
            && ReadText(dependencyNode, item.Field("dependency"), "dependency: payments.primary") is { } dependencyText)
        {
            if (ScenarioVocabulary.Dependencies.Contains(dependencyText))
            {
                dependency = dependencyText;
            }
            else
            {
                Report(dependencyNode, item.Field("dependency"), NotOneOf(dependencyText, "a dependency", ScenarioVocabulary.Dependencies));
            }
        }

        string? route = null;
        if (item.TryGet("route", out var routeNode) && ReadText(routeNode, item.Field("route"), "route: charges") is { } routeText)
        {
            route = routeText;
            var routes = dependency is null ? null : ScenarioVocabulary.RoutesOf(dependency);
            if (routes is not null && !routes.Contains(routeText))
            {
                var message = routes.Count == 0
                    ? $"{dependency} has no routes to limit a fault to; remove route to fault every call."
                    : NotOneOf(routeText, $"a route of {dependency}", routes) + " Or remove route to fault every route.";
                Report(routeNode, item.Field("route"), message);
            }
        }

        var startNode = item.Required("start", "start: 20s");
        var start = startNode is null ? null
            : ReadDuration(startNode, item.Field("start"), allowZero: true, "a fault starts at 0s (the start of the load) or later");
        var durationNode = item.Required("duration", "duration: 25s");
        var duration = durationNode is null ? null
            : ReadDuration(durationNode, item.Field("duration"), allowZero: false, "a fault lasts more than 0s, like duration: 25s");

        var fault = ReadFaultSpec(item);
        if (_errors.Count > errors || name is null || dependency is null || start is null || duration is null || fault is null)
        {
            return null;
        }

        var window = new FaultWindow
        {
            Name = name,
            Dependency = dependency,
            Route = route,
            Start = start.Value,
            Duration = duration.Value,
            Fault = fault,
        };
        return (startNode!, durationNode!, window);
    }

    private string? ReadFaultName(MapView item, Dictionary<string, int> names)
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

        if (ScenarioVocabulary.ReservedPhases.Contains(name))
        {
            Report(node, field, $"\"{name}\" is a reserved phase name ({DidYouMean.Either(ScenarioVocabulary.ReservedPhases)}); name the fault after what fails, like gateway-outage.");
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

    private FaultSpec? ReadFaultSpec(MapView item)
    {
        if (item.Required("fault", FaultSpecExample) is not { } node || ExpectMap(node, item.Field("fault"), FaultSpecExample) is not { } map)
        {
            return null;
        }

        var errors = _errors.Count;
        var fault = new MapView(this, map, item.Field("fault"), FaultSpecKeys);
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
        if (fault.TryGet("injectionRate", out var rateNode) && ReadNumber(rateNode, fault.Field("injectionRate"), "injectionRate: 0.05") is { } rate)
        {
            injectionRate = rate;
            if (rate is < 0 or > 1)
            {
                Report(rateNode, fault.Field("injectionRate"), $"{Raw(rateNode)} is outside [0, 1]; use 0.05 for 5%.");
            }
        }

        if (kind is { } k)
        {
            RejectKeyOfOtherKind(fault, "status", k, FaultKind.Status);
            RejectKeyOfOtherKind(fault, "retryAfter", k, FaultKind.Status);
            RejectKeyOfOtherKind(fault, "delay", k, FaultKind.Latency);
        }

        var statusCode = 503;
        if (kind is FaultKind.Status && fault.TryGet("status", out var statusNode)
            && ReadInt(statusNode, fault.Field("status"), "status: 503") is { } status)
        {
            statusCode = status;
            if (status is < 400 or > 599)
            {
                Report(statusNode, fault.Field("status"), $"{status} is outside [400, 599]; a status fault answers with an error status, like 503.");
            }
        }

        TimeSpan? retryAfter = null;
        if (kind is FaultKind.Status && fault.TryGet("retryAfter", out var retryNode))
        {
            retryAfter = ReadDuration(retryNode, fault.Field("retryAfter"), allowZero: true, "write the Retry-After to send, like retryAfter: 5s, or leave it out");
        }

        var delay = TimeSpan.Zero;
        if (kind is FaultKind.Latency && fault.Required("delay", "delay: 2500ms") is { } delayNode
            && ReadDuration(delayNode, fault.Field("delay"), allowZero: false, "a latency fault adds a delay above 0s, like delay: 2500ms") is { } readDelay)
        {
            delay = readDelay;
        }

        if (_errors.Count > errors || kind is null)
        {
            return null;
        }

        return new FaultSpec
        {
            Kind = kind.Value,
            InjectionRate = injectionRate,
            StatusCode = statusCode,
            RetryAfter = retryAfter,
            Delay = delay,
        };
    }

    private void RejectKeyOfOtherKind(MapView fault, string key, FaultKind kind, FaultKind keyKind)
    {
        if (kind != keyKind && fault.KeyNode(key) is { } keyNode)
        {
            var keyKindName = ScenarioVocabulary.NameOf(keyKind);
            Report(keyNode, fault.Field(key), $"applies to {keyKindName} faults only, and this is a {ScenarioVocabulary.NameOf(kind)} fault; remove it, or use kind: {keyKindName}.");
        }
    }

    private void CheckAgainstLoadEnd(List<(int Index, YamlNode Start, YamlNode Duration, FaultWindow Window)> entries, string field)
    {
        if (_loadDuration is not { } total)
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
                Report(durationNode, $"{field}[{index}].duration", $"the fault would end at {DurationParser.Format(window.End)}, after the load ends at {DurationParser.Format(total)}; shorten it to {DurationParser.Format(total - window.Start)} or less, or lengthen load.phases.");
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
                    || earlier.Start >= later.End || later.Start >= earlier.End)
                {
                    continue;
                }

                var target = later.Route is null ? $"{later.Dependency} (every route)" : $"{later.Dependency} route {later.Route}";
                Report(
                    entries[j].Start,
                    $"{field}[{entries[j].Index}].start",
                    $"{later.Name} ({Window(later)}) overlaps {earlier.Name} ({Window(earlier)}, faults[{index}]), another {ScenarioVocabulary.NameOf(later.Fault.Kind)} fault on {target}; "
                    + "move one so they do not overlap, limit one to another route, or merge them.");
                break;
            }
        }

        static string Window(FaultWindow w) => $"{DurationParser.Format(w.Start)} to {DurationParser.Format(w.End)}";
    }
}
