using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Chaos.Engine.Judging;
using static Chaos.Engine.Reports.HtmlReportWriter;

namespace Chaos.Engine.Reports;

/// <summary>
/// Writes a comparison (<c>compare.md</c>, <c>compare.html</c>, <c>compare.json</c>) and the resiliency matrix
/// (<c>matrix.md</c>, <c>matrix.html</c>, <c>matrix.json</c>).
/// </summary>
public static class ComparisonWriter
{
    private const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto; max-width: 1200px; color: #222; padding: 0 12px; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; border-bottom: 1px solid #ddd; margin-top: 28px; }
        table { border-collapse: collapse; width: 100%; font-size: 0.88em; margin: 6px 0; }
        th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: #f5f5f5; } th.section { background: #e8eef7; }
        td.failed { background: #fdecea; color: #b71c1c; font-weight: bold; }
        td.ok { background: #e8f5e9; } td.degraded { background: #fff4e0; } td.down { background: #fdecea; }
        td.missed { outline: 2px solid #c62828; outline-offset: -2px; }
        .verdict { display: inline-block; padding: 1px 8px; border-radius: 4px; color: #fff; font-weight: bold; }
        .verdict.pass { background: #2e7d32; } .verdict.fail { background: #c62828; } .verdict.error { background: #6a1b9a; }
        ul { margin: 2px 0; padding-left: 18px; }
        .meta { color: #555; }
        @media print { body { margin: 0; max-width: none; } tr { break-inside: avoid; } }
        """;

    /// <summary>Writes <c>compare.md</c>, <c>compare.html</c> and <c>compare.json</c> into <paramref name="directory"/>; returns the files.</summary>
    public static IReadOnlyList<string> WriteAll(ComparisonReport comparison, string directory) =>
        WriteAll(directory, "compare", ToMarkdown(comparison), ToHtml(comparison), comparison);

    /// <summary>Writes <c>matrix.md</c>, <c>matrix.html</c> and <c>matrix.json</c> into <paramref name="directory"/>; returns the files.</summary>
    public static IReadOnlyList<string> WriteAll(ResilienceMatrix matrix, string directory) =>
        WriteAll(directory, "matrix", ToMarkdown(matrix), ToHtml(matrix), matrix);

    /// <summary>The comparison as Markdown.</summary>
    public static string ToMarkdown(ComparisonReport comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {comparison.Scenario}: {comparison.Configs.Count} configurations compared");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Replays: {comparison.Incident}. Same scenario, seed {comparison.Seed} and load for every configuration.");
        md.AppendLine("\n## Verdicts\n");
        foreach (var config in comparison.Configs)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {Mark(config.Verdict)} **{config.Name}**: {VerdictWord(config.Verdict)} ({string.Join(", ", config.Files.DefaultIfEmpty("storefront defaults"))}; reports in {config.ReportDirectory})");
            foreach (var reason in config.Reasons)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"  - {reason}");
            }
        }

        foreach (var section in comparison.Rows.GroupBy(r => r.Section))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"\n## {Capitalize(section.Key)}\n");
            md.AppendLine("| | " + string.Join(" | ", comparison.Configs.Select(c => Cell(c.Name))) + " |");
            md.AppendLine("|---|" + string.Concat(comparison.Configs.Select(_ => "---|")));
            foreach (var row in section)
            {
                md.AppendLine("| " + Cell(row.Name) + " | " + string.Join(" | ", row.Display.Select((d, i) => row.Failed[i] ? $"❌ {Cell(d)}" : Cell(d))) + " |");
            }
        }

        return md.ToString();
    }

    /// <summary>The comparison as one self-contained HTML page.</summary>
    public static string ToHtml(ComparisonReport comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var header = H("tr", H("th", ""), comparison.Configs.Select(c => H("th", c.Name)));
        var body = new List<object>();
        foreach (var section in comparison.Rows.GroupBy(r => r.Section))
        {
            body.Add(H("tr", H("th", new XAttribute("class", "section"), new XAttribute("colspan", comparison.Configs.Count + 1), Capitalize(section.Key))));
            foreach (var row in section)
            {
                body.Add(H("tr", H("td", row.Name), row.Display.Select((d, i) => H("td", row.Failed[i] ? new XAttribute("class", "failed") : null, d))));
            }
        }

        return Page(
            $"{comparison.Scenario}: configurations compared",
            H("h1", $"{comparison.Scenario}: {comparison.Configs.Count} configurations compared"),
            H("p", new XAttribute("class", "meta"), $"Replays: {comparison.Incident}. Same scenario, seed {comparison.Seed.ToString(CultureInfo.InvariantCulture)} and load for every configuration."),
            H("h2", "Verdicts"),
            H("ul", new XAttribute("id", "verdicts"), comparison.Configs.Select(c => H(
                "li",
                H("strong", c.Name),
                " ",
                H("span", new XAttribute("class", $"verdict {c.Verdict.ToString().ToLowerInvariant()}"), VerdictWord(c.Verdict)),
                $" ({string.Join(", ", c.Files.DefaultIfEmpty("storefront defaults"))}; reports in {c.ReportDirectory})",
                c.Reasons.Count == 0 ? null : H("ul", c.Reasons.Select(r => H("li", r)))))),
            H("h2", "Side by side"),
            H("table", new XAttribute("id", "comparison"), H("thead", header), H("tbody", body)));
    }

    /// <summary>The resiliency matrix as Markdown.</summary>
    public static string ToMarkdown(ResilienceMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var md = new StringBuilder();
        md.AppendLine("# Resiliency matrix");
        md.AppendLine();
        md.AppendLine("Journeys by incident while its faults are active: **ok** (≥ 95% succeeded), **degraded** (≥ 50% succeeded, or ≥ 95% succeeded or were refused honestly with Retry-After), **down** (otherwise). Each cell is the worst fault phase; ❌ marks a cell worse than the scenario expects.");
        md.AppendLine();
        md.AppendLine("| scenario | journey | expected | " + string.Join(" | ", matrix.Configs.Select(Cell)) + " |");
        md.AppendLine("|---|---|---|" + string.Concat(matrix.Configs.Select(_ => "---|")));
        foreach (var row in matrix.Rows)
        {
            md.AppendLine($"| {Cell(row.Scenario)} | {Cell(row.Journey)} | {row.Expected} | " + string.Join(" | ", row.Cells.Select(MatrixText)) + " |");
        }

        md.AppendLine("\n## Runs\n");
        foreach (var run in matrix.Runs)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {Mark(run.Verdict)} {run.Scenario} × **{run.Config}**: {VerdictWord(run.Verdict)} (reports in {run.ReportDirectory})");
            foreach (var reason in run.Reasons)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"  - {reason}");
            }
        }

        return md.ToString();
    }

    /// <summary>The resiliency matrix as one self-contained HTML page.</summary>
    public static string ToHtml(ResilienceMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return Page(
            "Resiliency matrix",
            H("h1", "Resiliency matrix"),
            H("p", new XAttribute("class", "meta"), "Journeys by incident while its faults are active: ok (at least 95% succeeded), degraded (at least 50% succeeded, or at least 95% succeeded or were refused honestly with Retry-After), down (otherwise). Each cell is the worst fault phase; a red outline marks a cell worse than the scenario expects."),
            H(
                "table",
                new XAttribute("id", "matrix"),
                H("thead", H("tr", H("th", "scenario"), H("th", "incident"), H("th", "journey"), H("th", "expected"), matrix.Configs.Select(c => H("th", c)))),
                H("tbody", matrix.Rows.Select(row => H(
                    "tr",
                    H("td", row.Scenario),
                    H("td", row.Incident),
                    H("td", row.Journey),
                    H("td", row.Expected),
                    row.Cells.Select(c => H(
                        "td",
                        new XAttribute("class", string.Join(' ', new[] { c.Observed.Replace(' ', '-'), c.Met == false ? "missed" : null }.Where(s => s is not null))),
                        new XAttribute("title", c.WorstPhase is null ? c.Observed : $"worst phase {c.WorstPhase}: {Percent(c.SuccessRate)} succeeded, {Percent(c.AvailableRate)} succeeded or refused honestly"),
                        c.Met == false ? H("strong", "worse than expected: ") : null,
                        MatrixText(c with { Met = null }))))))),
            H("h2", "Runs"),
            H("ul", new XAttribute("id", "runs"), matrix.Runs.Select(r => H(
                "li",
                $"{r.Scenario} × ",
                H("strong", r.Config),
                " ",
                H("span", new XAttribute("class", $"verdict {r.Verdict.ToString().ToLowerInvariant()}"), VerdictWord(r.Verdict)),
                $" (reports in {r.ReportDirectory})",
                r.Reasons.Count == 0 ? null : H("ul", r.Reasons.Select(x => H("li", x)))))));
    }

    private static string MatrixText(MatrixCell cell) =>
        (cell.Met == false ? "❌ " : "") + cell.Observed + (cell.WorstPhase is null ? "" : $" ({Percent(cell.SuccessRate)} in {cell.WorstPhase})");

    private static string Percent(double? rate) => rate is { } r ? r.ToString("0.#%", CultureInfo.InvariantCulture) : "-";

    private static string Page(string title, params object[] content)
    {
        var html = H(
            "html",
            new XAttribute("xmlns", Xhtml.NamespaceName),
            new XAttribute("lang", "en"),
            H("head", H("meta", new XAttribute("charset", "utf-8")), H("title", title), H("style", Css)),
            H("body", content));
        CloseEmptyElements(html);
        return "<!DOCTYPE html>\n" + html + "\n";
    }

    private static string Mark(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "✅",
        Verdict.Fail => "❌",
        _ => "⚠️",
    };

    private static string VerdictWord(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "PASS (degraded as designed)",
        Verdict.Fail => "FAIL (beyond contract)",
        _ => "ERROR (harness could not judge)",
    };

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static IReadOnlyList<string> WriteAll<T>(string directory, string name, string markdown, string html, T value)
    {
        Directory.CreateDirectory(directory);
        return
        [
            ReportWriter.Write(directory, $"{name}.md", markdown),
            ReportWriter.Write(directory, $"{name}.html", html),
            ReportWriter.Write(directory, $"{name}.json", JsonSerializer.Serialize(value, ReportWriter.JsonOptions)),
        ];
    }
}
