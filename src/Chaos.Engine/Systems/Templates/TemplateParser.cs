using System.Globalization;

namespace Chaos.Engine.Systems.Templates;

/// <summary>
/// Parses the templates of system files (<c>/payments/{{capture.id}}</c>) into <see cref="Template"/>s, once at load
/// time, and says what is wrong with a template that cannot render.
/// </summary>
internal static class TemplateParser
{
    /// <summary>The values a template can name, for messages.</summary>
    internal static readonly string[] Values = ["run.id", "user.id", "journey.id", "uuid", "random.int(min,max)", "capture.<name>"];

    private static readonly string[] SimpleValues = ["run.id", "user.id", "journey.id", "uuid"];

    private const string CapturePrefix = "capture.";
    private const string RandomIntPrefix = "random.int(";

    /// <summary>Parses a template.</summary>
    /// <param name="text">The template as written.</param>
    /// <param name="captures">The captures available here (captured by earlier steps of the journey), name to slot.</param>
    /// <param name="problems">Receives one message per problem (each says how to fix it).</param>
    /// <returns>The template, or null when it has problems.</returns>
    public static Template? Parse(string text, IReadOnlyDictionary<string, int> captures, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<TemplatePart>();
        var before = problems.Count;
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(new TemplatePart(TemplatePartKind.Literal, text[position..]));
                break;
            }

            if (open > position)
            {
                parts.Add(new TemplatePart(TemplatePartKind.Literal, text[position..open]));
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                var start = text[open..];
                problems.Add($"\"{Shorten(start)}\" has no closing }}}}; close it, like {{{{user.id}}}}.");
                break;
            }

            var inner = text[(open + 2)..close].Trim();
            if (ParseValue(inner, captures, problems) is { } part)
            {
                parts.Add(part);
            }

            position = close + 2;
        }

        return problems.Count > before ? null : new Template(text, [.. parts]);
    }

    private static TemplatePart? ParseValue(string inner, IReadOnlyDictionary<string, int> captures, List<string> problems)
    {
        switch (inner)
        {
            case "run.id":
                return new TemplatePart(TemplatePartKind.RunId);
            case "user.id":
                return new TemplatePart(TemplatePartKind.UserId);
            case "journey.id":
                return new TemplatePart(TemplatePartKind.JourneyId);
            case "uuid":
                return new TemplatePart(TemplatePartKind.Uuid);
        }

        if (inner.StartsWith(CapturePrefix, StringComparison.Ordinal))
        {
            var name = inner[CapturePrefix.Length..];
            if (captures.TryGetValue(name, out var slot))
            {
                return new TemplatePart(TemplatePartKind.Capture, name, slot);
            }

            var suggestion = DidYouMeanCapture(name, captures.Keys);
            problems.Add(captures.Count == 0
                ? $"{{{{{inner}}}}}: no earlier step captures {name}; add capture: {{ {name}: $.id }} to an earlier step, or remove the value."
                : $"{{{{{inner}}}}}: no earlier step captures {name}; {suggestion}{(suggestion.Length > 0 ? "The" : "the")} earlier steps capture {Scenarios.DidYouMean.Either([.. captures.Keys])}.");
            return null;
        }

        if (inner.StartsWith(RandomIntPrefix, StringComparison.Ordinal))
        {
            return ParseRandomInt(inner, problems);
        }

        var known = SimpleValues.Concat(["random.int", "capture"]).ToArray();
        var hint = Scenarios.DidYouMean.Find(inner, known) is { } close ? $"did you mean {close}? Use " : "use ";
        problems.Add($"{{{{{inner}}}}} is not a template value; {hint}{Scenarios.DidYouMean.Either(Values)}.");
        return null;
    }

    private static TemplatePart? ParseRandomInt(string inner, List<string> problems)
    {
        const string Example = "{{random.int(1,100)}}";
        if (!inner.EndsWith(')'))
        {
            problems.Add($"{{{{{inner}}}}} is missing its closing parenthesis; write it like {Example}.");
            return null;
        }

        var arguments = inner[RandomIntPrefix.Length..^1].Split(',');
        if (arguments.Length != 2
            || !int.TryParse(arguments[0].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var min)
            || !int.TryParse(arguments[1].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var max))
        {
            problems.Add($"{{{{{inner}}}}} needs two whole numbers, the smallest and the largest value; write it like {Example}.");
            return null;
        }

        if (min > max)
        {
            problems.Add($"{{{{{inner}}}}} has its smallest value above its largest; write random.int({max},{min}).");
            return null;
        }

        return new TemplatePart(TemplatePartKind.RandomInt, "", min, max);
    }

    private static string DidYouMeanCapture(string name, IEnumerable<string> captured) =>
        Scenarios.DidYouMean.Find(name, captured) is { } close ? $"did you mean capture.{close}? " : "";

    private static string Shorten(string text) => text.Length > 30 ? text[..27] + "..." : text;
}
