using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Systems;

/// <summary>
/// Validates a system file section by section, in the manner of YARP's ConfigValidator: one
/// <c>ValidateX(errors, ...)</c> per section over explicit inputs, each reporting every problem it finds and returning
/// the bound section, or null. No section stops another from being checked.
/// </summary>
internal static partial class SystemValidator
{
    private static readonly string[] TopKeys = ["name", "service", "dependencies", "journeys"];

    private static readonly YamlRootReader RootReader = new(
        "the file has no system; write name, service and journeys (see \"The system file\" in scenarios/README.md).",
        "a system file holds one YAML document; remove the --- and what follows.",
        "name: and service:");

    /// <summary>Validates the whole file.</summary>
    /// <param name="errors">Receives every problem.</param>
    /// <param name="yaml">The file's text.</param>
    /// <param name="sourcePath">The file's path, as given.</param>
    /// <param name="baseDirectory">The folder relative paths start from.</param>
    /// <param name="options">How the file is read when its service is not started from it; null for the CLI's.</param>
    /// <returns>The system, or null when anything is wrong.</returns>
    public static SystemDefinition? Validate(LoadErrors errors, string yaml, string sourcePath, string baseDirectory, SystemLoadOptions? options = null)
    {
        options ??= SystemLoadOptions.Default;
        if (RootReader.Read(errors, yaml, ex => ReportSyntax(errors, ex)) is not { } root)
        {
            return null;
        }

        var map = new YamlMap(errors, root, "", TopKeys);
        var name = ValidateName(errors, map);
        // A load agent's coordinator starts the service and the simulators: the agent reads neither, only names and journeys.
        ServiceDefinition? service = !options.ReadsFiles ? new ServiceDefinition()
            : !options.HostedElsewhere
            ? map.Required("service", "service: { command: dotnet, args: [app/MyApi.dll] }") is { } serviceNode ? ValidateService(errors, serviceNode, map.Field("service"), baseDirectory) : null
            : map.TryGet("service", out var hostedNode) ? ValidateService(errors, hostedNode, map.Field("service"), baseDirectory) : new ServiceDefinition();
        IReadOnlyList<DependencyDefinition>? dependencies = map.TryGet("dependencies", out var dependenciesNode)
            ? ValidateDependencies(errors, dependenciesNode, map.Field("dependencies"), options.ReadsFiles ? baseDirectory : null, startedByChaos: service?.Command is not null)
            : [];
        IReadOnlyList<JourneyDefinition>? journeys = options.CodeJourneys.Count > 0 && !map.Has("journeys") ? []
            : map.Required("journeys", "journeys: { pay: { steps: [{ method: POST, path: /payments }] } }") is { } journeysNode ? ValidateJourneys(errors, journeysNode, map.Field("journeys"))
            : null;

        if (errors.Count > 0 || name is null || service is null || dependencies is null || journeys is null)
        {
            return null;
        }

        return new SystemDefinition
        {
            Name = name,
            Service = service,
            Dependencies = dependencies,
            Journeys = journeys,
            SourcePath = sourcePath,
        };
    }

    private static void ReportSyntax(LoadErrors errors, YamlException ex)
    {
        var message = ex.Message.Trim().TrimEnd('.');
        var duplicate = DuplicateKey().Match(message);
        errors.Add((int)ex.Start.Line, (int)ex.Start.Column, duplicate.Success ? duplicate.Groups[1].Value : "", duplicate.Success
            ? $"the key {duplicate.Groups[1].Value} appears twice in the same map; keep one."
            : $"YAML syntax error: {message}; check the indentation, quotes and brackets here and on the line before.");
    }

    private static string? ValidateName(LoadErrors errors, YamlMap map)
    {
        const string Example = "name: bank-transfers";
        if (map.Required("name", Example) is not { } node || YamlValues.Text(errors, node, map.Field("name"), Example) is not { } name)
        {
            return null;
        }

        if (!KebabCase().IsMatch(name))
        {
            errors.Add(node, map.Field("name"), $"\"{name}\" is not kebab-case; use lower-case words and digits joined by hyphens, like bank-transfers.");
            return null;
        }

        return name;
    }

    /// <summary>Reads <c>METHOD /path</c> (a readiness check, a route), checking the method and the leading slash.</summary>
    private static (string Method, string Path)? ValidateMethodAndPath(LoadErrors errors, YamlNode node, string field, string example)
    {
        if (YamlValues.Text(errors, node, field, example) is not { } text)
        {
            return null;
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            errors.Add(node, field, $"{YamlValues.Raw(node)} is not a method and a path; write it like {example}.");
            return null;
        }

        var ok = true;
        var method = parts[0].ToUpperInvariant();
        if (!HttpMethods.Contains(method))
        {
            errors.Add(node, field, YamlValues.NotOneOf(parts[0], "an HTTP method", HttpMethods));
            ok = false;
        }
        else if (parts[0] != method)
        {
            errors.Add(node, field, $"the method \"{parts[0]}\" is not upper case; write {method}.");
            ok = false;
        }

        if (!parts[1].StartsWith('/'))
        {
            errors.Add(node, field, $"the path \"{parts[1]}\" does not start with /; write /{parts[1]}.");
            ok = false;
        }

        return ok ? (method, parts[1]) : null;
    }

    /// <summary>The HTTP methods a step, route or readiness check may use.</summary>
    internal static readonly string[] HttpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    // Names of dependencies, routes, journeys, instances: letters and digits, joined by '.', '-' or '_' (payments.primary, addToCart).
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(?:[._-][A-Za-z0-9]+)*$")]
    private static partial Regex PlainName();

    [GeneratedRegex(@"^Duplicate key (.+)$")]
    private static partial Regex DuplicateKey();

    private static bool CheckName(LoadErrors errors, YamlNode node, string field, string name, string what, string example)
    {
        if (PlainName().IsMatch(name))
        {
            return true;
        }

        errors.Add(node, field, $"\"{name}\" is not a {what} name; use letters and digits, joined by ., - or _, like {example}.");
        return false;
    }

    /// <summary>
    /// Reads a map of named entries (dependencies, routes, journeys, captures): <paramref name="validate"/> takes each
    /// entry's key, name, value and field and returns null when it reported a problem. Every entry is read, so that each
    /// wrong one is reported; null when any is wrong.
    /// </summary>
    private static List<T>? ValidateEntries<T>(LoadErrors errors, YamlMappingNode map, string field, Func<YamlScalarNode, string, YamlNode, string, T?> validate)
        where T : class
    {
        var entries = new List<T>();
        var ok = true;
        foreach (var (key, name, value) in Entries(errors, map, field))
        {
            if (validate(key, name, value, $"{field}.{name}") is { } entry)
            {
                entries.Add(entry);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? entries : null;
    }

    /// <summary>
    /// <see cref="ValidateEntries"/> for entries whose names are plain names (<see cref="CheckName"/>, the name of one
    /// <paramref name="what"/>, like <paramref name="example"/>): <paramref name="validate"/> takes the value, field and
    /// name of each entry whose name is right.
    /// </summary>
    private static List<T>? ValidateNamedEntries<T>(
        LoadErrors errors, YamlMappingNode map, string field, string what, string example, Func<YamlNode, string, string, T?> validate)
        where T : class =>
        ValidateEntries(errors, map, field, (key, name, value, path) =>
            CheckName(errors, key, path, name, what, example) ? validate(value, path, name) : null);

    /// <summary>The map's entries whose keys are plain text; other keys are reported.</summary>
    private static IEnumerable<(YamlScalarNode Key, string Name, YamlNode Value)> Entries(LoadErrors errors, YamlMappingNode map, string field)
    {
        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: { } name } scalar && !YamlValues.IsNull(key))
            {
                yield return (scalar, name, value);
            }
            else
            {
                errors.Add(key, field, $"a key must be a plain name, got {YamlValues.Describe(key)}.");
            }
        }
    }
}
