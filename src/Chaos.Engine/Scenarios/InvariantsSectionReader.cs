using Chaos.Engine.Systems;
using YamlDotNet.RepresentationModel;
using static Chaos.Engine.Systems.YamlValues;

namespace Chaos.Engine.Scenarios;

/// <summary>
/// Reads the <c>invariants:</c> section: the reference storefront's invariants by name, and <c>atMostOnce</c> checked
/// against a system file's dependencies and routes. One instance per file.
/// </summary>
/// <param name="errors">The file's errors.</param>
/// <param name="target">The system under test the scenario names.</param>
internal sealed class InvariantsSectionReader(LoadErrors errors, ScenarioTarget target) : ScenarioSectionReader(errors)
{
    private const string AtMostOnceKey = "atMostOnce";

    /// <summary>Reads <c>invariants:</c> from the file's root map: the storefront's invariants and the <c>atMostOnce</c> ones; null when it has errors.</summary>
    public (IReadOnlyList<InvariantKind> Kinds, IReadOnlyList<AtMostOnceInvariant> AtMostOnce)? Read(YamlMap map)
    {
        var atMostOnce = new List<AtMostOnceInvariant>();
        return ReadKinds(map, atMostOnce) is { } kinds ? (kinds, atMostOnce) : null;
    }

    private IReadOnlyList<InvariantKind>? ReadKinds(YamlMap map, List<AtMostOnceInvariant> atMostOnce)
    {
        var field = map.Field("invariants");
        var example = $"invariants: [{string.Join(", ", ScenarioVocabulary.Invariants.Select(i => i.Key))}]";
        if (!map.TryGet("invariants", out var node))
        {
            return [];
        }

        if (ExpectList(node, field, example) is not { } list)
        {
            return null;
        }

        var invariants = new List<InvariantKind>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var ok = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var item = list.Children[i];
            var itemField = $"{field}[{i}]";
            if (item is YamlMappingNode { Children.Count: 1 } parameterised
                && parameterised.Children.First() is { Key: YamlScalarNode { Value: AtMostOnceKey }, Value: var value })
            {
                if (ReadAtMostOnce(value, $"{itemField}.{AtMostOnceKey}") is { } read)
                {
                    atMostOnce.Add(read);
                }
                else
                {
                    ok = false;
                }

                continue;
            }

            if (ReadText(item, itemField, example) is not { } name)
            {
                ok = false;
                continue;
            }

            if (ScenarioVocabulary.Invariants.FirstOrDefault(k => k.Key == name) is not { Key: not null } known)
            {
                Report(item, itemField, NotOneOf(name, "an invariant", ScenarioVocabulary.Invariants.Select(k => k.Key).ToArray()));
                ok = false;
                continue;
            }

            if (target.System is not null)
            {
                Report(item, itemField, $"{name} reconciles the reference storefront's orders, and this scenario runs against {target.System.Name}: "
                    + "remove it, or use atMostOnce: { dependency: <name>, route: <route> }.");
                ok = false;
                continue;
            }

            if (seen.TryGetValue(name, out var line))
            {
                Report(item, itemField, $"{name} is already listed (line {line}); remove one.");
                ok = false;
                continue;
            }

            seen[name] = Line(item);
            invariants.Add(known.Value);
        }

        return ok ? invariants : null;
    }

    /// <summary>Reads <c>{ atMostOnce: { dependency, route } }</c>, checked against the target's dependencies and routes.</summary>
    private AtMostOnceInvariant? ReadAtMostOnce(YamlNode value, string field)
    {
        const string Example = "atMostOnce: { dependency: bank, route: transfers }";
        if (ExpectMap(value, field, Example) is not { } node)
        {
            return null;
        }

        if (target.System is null)
        {
            Report(value, field, "atMostOnce is judged by trace on the dependencies of a system file, and this scenario runs against the "
                + "reference storefront: name your system (system: ./system.yaml), or use the storefront's noDoubleCharges.");
            return null;
        }

        var map = Map(node, field, ["dependency", "route"]);
        var errors = Errors.Count;
        string? dependency = null;
        if (map.Required("dependency", Example) is { } dependencyNode && ReadText(dependencyNode, map.Field("dependency"), Example) is { } dependencyText)
        {
            if (target.Vocabulary.IsDependency(dependencyText))
            {
                dependency = dependencyText;
            }
            else
            {
                Report(dependencyNode, map.Field("dependency"), NotOneOf(dependencyText, "a dependency", target.Vocabulary.DependencyForms));
            }
        }

        string? route = null;
        if (map.Required("route", Example) is { } routeNode && ReadText(routeNode, map.Field("route"), Example) is { } routeText)
        {
            route = routeText;
            if (dependency is not null && !target.Vocabulary.RoutesOf(dependency).Contains(routeText))
            {
                var routes = target.Vocabulary.RoutesOf(dependency);
                Report(routeNode, map.Field("route"), routes.Count > 0
                    ? NotOneOf(routeText, $"a route of {dependency}", routes)
                    : $"{dependency} has no named routes; name one in the system file (routes: {{ {routeText}: POST /path }}).");
            }
        }

        return Errors.Count == errors && dependency is not null && route is not null ? new AtMostOnceInvariant(dependency, route) : null;
    }
}
