using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Systems;

/// <summary>The <c>dependencies:</c> section.</summary>
internal static partial class SystemValidator
{
    private static readonly string[] DependencyKeys = ["mappings", "routes", "config", "pass", "env", "pipeline", "instances"];
    private static readonly string[] InstanceKeys = ["name", "tags"];
    private static readonly string[] PassValues = ["env", "args", "both"];

    /// <summary>Validates <c>dependencies:</c>, a map of dependency name to its mappings, routes and wiring.</summary>
    /// <param name="errors">Receives every problem.</param>
    /// <param name="node">The section's value.</param>
    /// <param name="field">The section's path, for messages.</param>
    /// <param name="baseDirectory">The folder mapping paths are relative to; null not to look for the mapping files (a load agent's).</param>
    /// <param name="startedByChaos">Whether Chaos starts the service (then each dependency must say how the service finds it).</param>
    /// <returns>The dependencies, or null.</returns>
    public static IReadOnlyList<DependencyDefinition>? ValidateDependencies(LoadErrors errors, YamlNode node, string field, string? baseDirectory, bool startedByChaos)
    {
        if (YamlValues.Map(errors, node, field, "dependencies: { bank: { mappings: mappings/bank, config: [Bank:BaseAddress] } }") is not { } map)
        {
            return null;
        }

        return ValidateNamedEntries(errors, map, field, "dependency", "bank or payments.primary", (value, path, name) =>
            ValidateDependency(errors, value, path, name, baseDirectory, startedByChaos));
    }

    private static DependencyDefinition? ValidateDependency(LoadErrors errors, YamlNode node, string field, string name, string? baseDirectory, bool startedByChaos)
    {
        if (YamlValues.Map(errors, node, field, "bank: { mappings: mappings/bank, config: [Bank:BaseAddress] }") is not { } mapNode)
        {
            return null;
        }

        var before = errors.Count;
        var map = new YamlMap(errors, mapNode, field, DependencyKeys);
        var mappings = map.Required("mappings", "mappings: mappings/bank") is not { } mappingsNode ? null
            : baseDirectory is null ? []
            : ValidateMappings(errors, mappingsNode, map.Field("mappings"), baseDirectory);
        var routes = map.TryGet("routes", out var routesNode) ? ValidateRoutes(errors, routesNode, map.Field("routes")) : [];
        var config = map.TryGet("config", out var configNode)
            ? ValidateNames(errors, configNode, map.Field("config"), ConfigKey(), "a configuration key", "config: [Bank:BaseAddress]", "Bank:BaseAddress")
            : [];
        var env = map.TryGet("env", out var envNode)
            ? ValidateNames(errors, envNode, map.Field("env"), EnvironmentName(), "an environment variable name", "env: BANK_URL", "BANK_URL")
            : [];
        var pass = ConfigPassing.Env;
        if (map.TryGet("pass", out var passNode) && YamlValues.Text(errors, passNode, map.Field("pass"), "pass: env") is { } passText)
        {
            var index = Array.IndexOf(PassValues, passText);
            if (index < 0)
            {
                errors.Add(passNode, map.Field("pass"), YamlValues.NotOneOf(passText, "a way to pass configuration", PassValues));
            }
            else
            {
                pass = (ConfigPassing)index;
                if (!map.Has("config"))
                {
                    errors.Add(passNode, map.Field("pass"), "says how to pass config keys, but there is no config:; add config: [Bank:BaseAddress], or remove pass.");
                }
            }
        }

        if (startedByChaos && !map.Has("config") && !map.Has("env"))
        {
            errors.Add(mapNode, field, $"does not say how the service finds the {name} simulator; add config: [Bank:BaseAddress] (a .NET configuration key) or env: BANK_URL (an environment variable).");
        }

        string? pipeline = null;
        if (map.TryGet("pipeline", out var pipelineNode) && YamlValues.Text(errors, pipelineNode, map.Field("pipeline"), "pipeline: BankClient-standard") is { } pipelineText)
        {
            if (pipelineText.Trim() != pipelineText || pipelineText.Length == 0)
            {
                errors.Add(pipelineNode, map.Field("pipeline"), $"\"{pipelineText}\" is not a pipeline name: write the name the service gives its Polly pipeline "
                    + "without surrounding spaces, like BankClient-standard (a named HttpClient's standard resilience handler) or the name passed to AddResiliencePipeline.");
            }
            else
            {
                pipeline = pipelineText;
            }
        }

        var instances = map.TryGet("instances", out var instancesNode) ? ValidateInstances(errors, instancesNode, map.Field("instances")) : [];
        if (errors.Count > before || mappings is null || routes is null || config is null || env is null || instances is null)
        {
            return null;
        }

        return new DependencyDefinition
        {
            Name = name,
            MappingFiles = mappings,
            Routes = routes,
            ConfigKeys = config,
            Pass = pass,
            EnvVariables = env,
            Pipeline = pipeline,
            Instances = instances,
        };
    }

    private static List<RouteDefinition>? ValidateRoutes(LoadErrors errors, YamlNode node, string field)
    {
        if (YamlValues.Map(errors, node, field, "routes: { transfers: POST /v1/transfers }") is not { } map)
        {
            return null;
        }

        return ValidateNamedEntries(errors, map, field, "route", "transfers", (value, path, name) => ValidateRoute(errors, value, path, name));
    }

    private static RouteDefinition? ValidateRoute(LoadErrors errors, YamlNode value, string path, string name)
    {
        if (ValidateMethodAndPath(errors, value, path, "transfers: POST /v1/transfers") is not { } route)
        {
            return null;
        }

        var ok = true;
        foreach (var segment in route.Path.Split('/'))
        {
            var wildcard = segment is "*" || (segment.StartsWith('{') && segment.EndsWith('}') && segment.Length > 2);
            if (!wildcard && (segment.Contains('*', StringComparison.Ordinal) || segment.Contains('{', StringComparison.Ordinal) || segment.Contains('}', StringComparison.Ordinal)))
            {
                errors.Add(value, path, $"the path segment \"{segment}\" mixes text and a wildcard; a wildcard (* or {{id}}) stands for a whole segment, like /v1/transfers/{{id}}.");
                ok = false;
            }
        }

        if (route.Path.Contains('?', StringComparison.Ordinal))
        {
            errors.Add(value, path, $"\"{route.Path}\" holds a query string; a route is matched on its path alone, so remove the part from ?.");
            ok = false;
        }

        return ok ? new RouteDefinition { Name = name, Method = route.Method, PathPattern = route.Path } : null;
    }

    /// <summary>Reads one name or a list of names, each matching <paramref name="pattern"/>.</summary>
    private static List<string>? ValidateNames(LoadErrors errors, YamlNode node, string field, Regex pattern, string what, string example, string sample)
    {
        var items = node is YamlSequenceNode list ? list.Children.Select((n, i) => (Node: n, Field: $"{field}[{i}]")).ToList() : [(node, field)];
        var names = new List<string>();
        var ok = true;
        foreach (var (item, itemField) in items)
        {
            if (YamlValues.Text(errors, item, itemField, example) is not { } name)
            {
                ok = false;
            }
            else if (!pattern.IsMatch(name))
            {
                errors.Add(item, itemField, $"\"{name}\" is not {what}; write it like {sample}.");
                ok = false;
            }
            else
            {
                names.Add(name);
            }
        }

        if (ok && names.Count == 0)
        {
            errors.Add(node, field, $"is an empty list; write it like {example}, or remove it.");
            ok = false;
        }

        return ok ? names : null;
    }

    private static List<DependencyInstance>? ValidateInstances(LoadErrors errors, YamlNode node, string field)
    {
        const string Example = "instances: [{ name: bank-1, tags: { region: eu } }, { name: bank-2 }]";
        if (YamlValues.List(errors, node, field, Example) is not { } list)
        {
            return null;
        }

        if (list.Children.Count == 0)
        {
            errors.Add(node, field, $"is an empty list; list the pool's instances, like {Example}, or remove it for a single simulator.");
            return null;
        }

        var instances = new List<DependencyInstance>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var itemField = $"{field}[{i}]";
            if (YamlValues.Map(errors, list.Children[i], itemField, "{ name: bank-1, tags: { region: eu } }") is not { } itemNode)
            {
                ok = false;
                continue;
            }

            var item = new YamlMap(errors, itemNode, itemField, InstanceKeys);
            string? name = null;
            if (item.Required("name", "name: bank-1") is { } nameNode && YamlValues.Text(errors, nameNode, item.Field("name"), "name: bank-1") is { } text)
            {
                if (!CheckName(errors, nameNode, item.Field("name"), text, "instance", "bank-1"))
                {
                    ok = false;
                }
                else if (!seen.Add(text))
                {
                    errors.Add(nameNode, item.Field("name"), $"\"{text}\" names two instances; give each instance its own name.");
                    ok = false;
                }
                else
                {
                    name = text;
                }
            }

            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.TryGet("tags", out var tagsNode))
            {
                if (YamlValues.Map(errors, tagsNode, item.Field("tags"), "tags: { os: windows }") is { } tagsMap)
                {
                    foreach (var (_, tag, value) in Entries(errors, tagsMap, item.Field("tags")))
                    {
                        if (YamlValues.Text(errors, value, $"{item.Field("tags")}.{tag}", $"{tag}: windows") is { } tagValue)
                        {
                            tags[tag] = tagValue;
                        }
                        else
                        {
                            ok = false;
                        }
                    }
                }
                else
                {
                    ok = false;
                }
            }

            if (name is not null)
            {
                instances.Add(new DependencyInstance(name, tags));
            }
            else
            {
                ok = false;
            }
        }

        return ok ? instances : null;
    }

    // Bank:BaseAddress, Services:bank:https:0 - colon-separated sections of letters, digits, '_', '.' and '-'.
    [GeneratedRegex("^[A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)*$")]
    private static partial Regex ConfigKey();
}
