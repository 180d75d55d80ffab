using System.Globalization;
using System.Text.RegularExpressions;
using Chaos.Engine.Systems.Templates;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Systems;

/// <summary>The <c>journeys:</c> section: named lists of HTTP steps, their templates parsed once.</summary>
internal static partial class SystemValidator
{
    private static readonly string[] JourneyKeys = ["steps"];
    private static readonly string[] StepKeys = ["name", "method", "path", "headers", "body", "success", "degraded", "capture"];

    /// <summary>The request headers Chaos sets itself, which a step may not set.</summary>
    internal static readonly string[] ReservedHeaders = ["traceparent", "tracestate", "content-length", "host"];

    /// <summary>Validates <c>journeys:</c>, a map of journey name to its steps.</summary>
    /// <param name="errors">Receives every problem.</param>
    /// <param name="node">The section's value.</param>
    /// <param name="field">The section's path, for messages.</param>
    /// <returns>The journeys, or null.</returns>
    public static IReadOnlyList<JourneyDefinition>? ValidateJourneys(LoadErrors errors, YamlNode node, string field)
    {
        const string Example = "journeys: { pay: { steps: [{ method: POST, path: /payments }] } }";
        if (YamlValues.Map(errors, node, field, Example) is not { } map)
        {
            return null;
        }

        if (map.Children.Count == 0)
        {
            errors.Add(node, field, $"has no journeys; add at least one, like {Example}.");
            return null;
        }

        return ValidateNamedEntries(errors, map, field, "journey", "pay or checkout", (value, path, name) => ValidateJourney(errors, value, path, name));
    }

    private static JourneyDefinition? ValidateJourney(LoadErrors errors, YamlNode node, string field, string name)
    {
        const string Example = "steps: [{ name: pay, method: POST, path: /payments }]";
        if (YamlValues.Map(errors, node, field, "{ " + Example + " }") is not { } mapNode)
        {
            return null;
        }

        var map = new YamlMap(errors, mapNode, field, JourneyKeys);
        if (map.Required("steps", Example) is not { } stepsNode || YamlValues.List(errors, stepsNode, map.Field("steps"), Example) is not { } list)
        {
            return null;
        }

        if (list.Children.Count == 0)
        {
            errors.Add(stepsNode, map.Field("steps"), $"is an empty list; a journey has at least one step, like {Example}.");
            return null;
        }

        // Captures become slots in the order they are first captured; a step sees only the captures of the steps before it.
        var captures = new Dictionary<string, int>(StringComparer.Ordinal);
        var steps = new List<JourneyStep>();
        var ok = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (ValidateStep(errors, list.Children[i], $"{map.Field("steps")}[{i}]", captures) is { } step)
            {
                steps.Add(step);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? new JourneyDefinition { Name = name, Steps = steps, CaptureSlots = captures.Count } : null;
    }

    /// <summary>Validates one step against the captures of the steps before it, and adds its own captures to them.</summary>
    private static JourneyStep? ValidateStep(LoadErrors errors, YamlNode node, string field, Dictionary<string, int> captures)
    {
        if (YamlValues.Map(errors, node, field, "{ name: pay, method: POST, path: /payments }") is not { } mapNode)
        {
            return null;
        }

        var before = errors.Count;
        var map = new YamlMap(errors, mapNode, field, StepKeys);
        string? method = null;
        if (map.Required("method", "method: POST") is { } methodNode && YamlValues.Text(errors, methodNode, map.Field("method"), "method: POST") is { } methodText)
        {
            if (!HttpMethods.Contains(methodText.ToUpperInvariant()))
            {
                errors.Add(methodNode, map.Field("method"), YamlValues.NotOneOf(methodText, "an HTTP method", HttpMethods));
            }
            else if (methodText != methodText.ToUpperInvariant())
            {
                errors.Add(methodNode, map.Field("method"), $"the method \"{methodText}\" is not upper case; write {methodText.ToUpperInvariant()}.");
            }
            else
            {
                method = methodText;
            }
        }

        Template? path = null;
        if (map.Required("path", "path: /payments") is { } pathNode && YamlValues.Text(errors, pathNode, map.Field("path"), "path: /payments") is { } pathText)
        {
            if (!pathText.StartsWith('/'))
            {
                errors.Add(pathNode, map.Field("path"), $"\"{pathText}\" does not start with /; write /{pathText} (paths are relative to the service's base URL).");
            }
            else
            {
                path = ParseTemplate(errors, pathNode, map.Field("path"), pathText, captures);
            }
        }

        var name = map.TryGet("name", out var nameNode)
            ? YamlValues.Text(errors, nameNode, map.Field("name"), "name: pay")
            : $"{method ?? "?"} {path?.Text ?? "?"}";
        var headers = map.TryGet("headers", out var headersNode) ? ValidateHeaders(errors, headersNode, map.Field("headers"), captures) : [];
        JsonBodyTemplate? body = null;
        if (map.TryGet("body", out var bodyNode) && ValidateBody(errors, bodyNode, map.Field("body"), captures) is { } bodyRoot)
        {
            body = new JsonBodyTemplate(bodyRoot);
        }

        var success = map.TryGet("success", out var successNode)
            ? ValidateStatuses(errors, successNode, map.Field("success"), "success: [200, 201]")
            : StatusSet.Successful;
        var degraded = map.TryGet("degraded", out var degradedNode)
            ? ValidateStatuses(errors, degradedNode, map.Field("degraded"), "degraded: [503, 429]")
            : null;
        if (success is not null && degraded is not null && degradedNode is not null)
        {
            var overlap = Enumerable.Range(100, 500).FirstOrDefault(code => success.Contains(code) && degraded.Contains(code));
            if (overlap != 0)
            {
                errors.Add(degradedNode, map.Field("degraded"), $"{overlap} is both a success and a degradation; keep it in one of success: and degraded:.");
            }
        }

        // Captures are read from this step's answer, so this step's own templates above could not use them.
        var stepCaptures = map.TryGet("capture", out var captureNode) ? ValidateCaptures(errors, captureNode, map.Field("capture"), captures) : [];
        if (errors.Count > before || method is null || path is null || name is null || headers is null || success is null || stepCaptures is null)
        {
            return null;
        }

        return new JourneyStep
        {
            Name = name,
            Method = method,
            Path = path,
            Headers = headers,
            Body = body,
            Success = success,
            Degraded = degraded,
            Captures = stepCaptures,
        };
    }

    private static Template? ParseTemplate(LoadErrors errors, YamlNode node, string field, string text, IReadOnlyDictionary<string, int> captures)
    {
        var problems = new List<string>();
        var template = TemplateParser.Parse(text, captures, problems);
        foreach (var problem in problems)
        {
            errors.Add(node, field, problem);
        }

        return template;
    }

    private static List<KeyValuePair<string, Template>>? ValidateHeaders(LoadErrors errors, YamlNode node, string field, IReadOnlyDictionary<string, int> captures)
    {
        if (YamlValues.Map(errors, node, field, "headers: { X-User: \"{{user.id}}\" }") is not { } map)
        {
            return null;
        }

        var headers = new List<KeyValuePair<string, Template>>();
        var ok = true;
        foreach (var (key, name, value) in Entries(errors, map, field))
        {
            var path = $"{field}.{name}";
            if (!HeaderName().IsMatch(name))
            {
                errors.Add(key, path, "is not a header name; use letters, digits and -, like X-Request-Id.");
                ok = false;
            }
            else if (ReservedHeaders.Contains(name.ToLowerInvariant()))
            {
                errors.Add(key, path, $"is set by Chaos itself ({(name.StartsWith("trace", StringComparison.OrdinalIgnoreCase) ? "each journey sends its own W3C trace context" : "from the request")}); remove it.");
                ok = false;
            }
            else if (YamlValues.Text(errors, value, path, $"{name}: \"{{{{user.id}}}}\"") is not { } text
                || ParseTemplate(errors, value, path, text, captures) is not { } template)
            {
                ok = false;
            }
            else
            {
                headers.Add(new(name, template));
            }
        }

        return ok ? headers : null;
    }

    /// <summary>Turns a YAML body into a JSON body template: maps, lists, plain JSON literals, and strings as templates.</summary>
    private static JsonBodyNode? ValidateBody(LoadErrors errors, YamlNode node, string field, IReadOnlyDictionary<string, int> captures)
    {
        switch (node)
        {
            case YamlMappingNode map:
            {
                var properties = new List<KeyValuePair<string, JsonBodyNode>>();
                var ok = true;
                foreach (var (_, name, value) in Entries(errors, map, field))
                {
                    if (YamlValues.IsNull(value))
                    {
                        properties.Add(new(name, new JsonBodyNode.Raw("null")));
                    }
                    else if (ValidateBody(errors, value, $"{field}.{name}", captures) is { } child)
                    {
                        properties.Add(new(name, child));
                    }
                    else
                    {
                        ok = false;
                    }
                }

                return ok ? new JsonBodyNode.Object([.. properties]) : null;
            }

            case YamlSequenceNode list:
            {
                var items = new List<JsonBodyNode>();
                var ok = true;
                for (var i = 0; i < list.Children.Count; i++)
                {
                    if (YamlValues.IsNull(list.Children[i]))
                    {
                        items.Add(new JsonBodyNode.Raw("null"));
                    }
                    else if (ValidateBody(errors, list.Children[i], $"{field}[{i}]", captures) is { } child)
                    {
                        items.Add(child);
                    }
                    else
                    {
                        ok = false;
                    }
                }

                return ok ? new JsonBodyNode.Array([.. items]) : null;
            }

            case YamlScalarNode scalar:
            {
                var text = scalar.Value ?? "";
                if (YamlValues.IsNull(scalar))
                {
                    return new JsonBodyNode.Raw("null");
                }

                if (scalar.Style is ScalarStyle.Plain or ScalarStyle.Any)
                {
                    if (text is "true" or "false")
                    {
                        return new JsonBodyNode.Raw(text);
                    }

                    if (JsonNumber().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    {
                        return new JsonBodyNode.Raw(text);
                    }
                }

                return ParseTemplate(errors, scalar, field, text, captures) is { } template ? new JsonBodyNode.Text(template) : null;
            }

            default:
                errors.Add(node, field, $"expected a JSON value, got {YamlValues.Describe(node)}; write the body as a YAML map, like body: {{ amount: 100 }}.");
                return null;
        }
    }

    private static StatusSet? ValidateStatuses(LoadErrors errors, YamlNode node, string field, string example)
    {
        var items = node is YamlSequenceNode list ? list.Children.Select((n, i) => (Node: n, Field: $"{field}[{i}]")).ToList() : [(node, field)];
        if (items.Count == 0)
        {
            errors.Add(node, field, $"is an empty list; write it like {example}.");
            return null;
        }

        var ranges = new List<(int, int)>();
        var ok = true;
        foreach (var (item, itemField) in items)
        {
            var text = item is YamlScalarNode { Value: { } value } ? value : null;
            if (text is { Length: 3 } && text[0] is >= '1' and <= '5' && text.EndsWith("xx", StringComparison.Ordinal))
            {
                var hundred = (text[0] - '0') * 100;
                ranges.Add((hundred, hundred + 99));
            }
            else if (text is not null && item is YamlScalarNode scalar && !YamlValues.IsQuoted(scalar)
                && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599)
            {
                ranges.Add((code, code));
            }
            else
            {
                errors.Add(item, itemField, $"{YamlValues.Describe(item)} is not an HTTP status; write a code from 100 to 599 or a class like 2xx, like {example}.");
                ok = false;
            }
        }

        return ok ? new StatusSet(node is YamlSequenceNode ? $"[{string.Join(", ", items.Select(i => ((YamlScalarNode)i.Node).Value))}]" : $"[{((YamlScalarNode)node).Value}]", ranges) : null;
    }

    private static List<Capture>? ValidateCaptures(LoadErrors errors, YamlNode node, string field, Dictionary<string, int> captures)
    {
        if (YamlValues.Map(errors, node, field, "capture: { paymentId: $.id }") is not { } map)
        {
            return null;
        }

        return ValidateEntries(errors, map, field, (key, name, value, path) => ValidateCapture(errors, key, name, value, path, captures));
    }

    private static Capture? ValidateCapture(LoadErrors errors, YamlScalarNode key, string name, YamlNode value, string path, Dictionary<string, int> captures)
    {
        if (!CaptureName().IsMatch(name))
        {
            errors.Add(key, path, "is not a capture name; use letters, digits and _, not starting with a digit, like paymentId.");
            return null;
        }

        // The name is known to later steps even when its path is wrong, so that one mistake gives one error.
        if (!captures.TryGetValue(name, out var slot))
        {
            slot = captures.Count;
            captures[name] = slot;
        }

        if (YamlValues.Text(errors, value, path, $"{name}: $.id") is not { } text)
        {
            return null;
        }

        if (!JsonPathLite.TryParse(text, out var jsonPath, out var problem))
        {
            errors.Add(value, path, problem!);
            return null;
        }

        return new Capture(name, slot, jsonPath!);
    }

    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")]
    private static partial Regex HeaderName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex CaptureName();

    [GeneratedRegex(@"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}
