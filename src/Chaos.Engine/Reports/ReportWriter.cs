using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml.Linq;
using Chaos.Engine.Judging;

namespace Chaos.Engine.Reports;

/// <summary>Writes a run's reports into a folder: <c>report.json</c>, <c>report.md</c>, <c>junit.xml</c> and <c>report.html</c>.</summary>
public static class ReportWriter
{
    /// <summary>The JSON options of <c>report.json</c>: camelCase names, enums as camelCase strings, indented.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes every report format into <paramref name="directory"/>, creating it; returns the files written.</summary>
    public static IReadOnlyList<string> WriteAll(RunReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>
        {
            Write(directory, "report.json", ToJson(report)),
            Write(directory, "report.md", ToMarkdown(report)),
            Write(directory, "junit.xml", ToJUnit(report)),
            Write(directory, "report.html", HtmlReportWriter.ToHtml(report)),
        };
        return files;
    }

    /// <summary>The JSON report.</summary>
    public static string ToJson(RunReport report) => JsonSerializer.Serialize(report, JsonOptions);

    /// <summary>Reads a <c>report.json</c> back.</summary>
    /// <exception cref="JsonException">The text is not a run report.</exception>
    public static RunReport FromJson(string json) =>
        JsonSerializer.Deserialize<RunReport>(json, JsonOptions) ?? throw new JsonException("The report is empty (null); pass the text of a report.json.");

    /// <summary>The Markdown report (fits a CI job summary).</summary>
    public static string ToMarkdown(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {report.Scenario}: {VerdictWord(report.Verdict)}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Replays: {report.Incident}. Seed {report.Seed}, started {report.StartedAt:u}.");
        if (report.ServiceConfig.Count > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Service configuration: {string.Join(", ", report.ServiceConfig)}.");
        }

        if (report.StorefrontConfig.Count > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Storefront configuration: {string.Join(", ", report.StorefrontConfig)}.");
        }

        foreach (var error in report.Errors)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"\n**Harness error:** {error}");
        }

        if (report.StoppedEarly is { } stopped)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"\n**Stopped early** {stopped.Describe()}. {report.Expectations.Count(e => e.Skipped)} expectations whose data was not complete were not judged (⏭️).");
        }

        md.AppendLine("\n## Expectations\n");
        md.AppendLine("| | phase | journey / dependency | metric | expected | observed |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var e in report.Expectations)
        {
            var mark = e.Skipped ? "⏭️" : !e.Measured ? "⚠️" : e.Passed ? "✅" : "❌";
            var expected = MetricNames.FormatBounds(e.Metric, e.AtLeast, e.AtMost);
            md.AppendLine(CultureInfo.InvariantCulture, $"| {mark} | {e.Phase} | {Subject(e)} | {MetricLabel(e)} | {expected} | {MetricNames.FormatValue(e.Metric, e.Observed)} |");
        }

        md.AppendLine("\n## Invariants\n");
        foreach (var i in report.Invariants)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {(!i.Measured ? "⚠️" : i.Passed ? "✅" : "❌")} **{i.Name}**: {i.Message}");
            foreach (var example in i.Examples)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"  - {example}");
            }
        }

        var detailed = report.Expectations.Where(e => !e.Passed || ComparisonReport.SaysItself.Contains(e.Metric)).ToList();
        if (detailed.Count > 0)
        {
            md.AppendLine("\n## Expectation details\n");
            foreach (var e in detailed)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- line {e.Line}: {e.Message}");
            }
        }

        md.AppendLine("\n## Phases\n");
        md.AppendLine("| phase | window | journey | journeys | success | p50 | p99 | outcomes |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var phase in report.Phases)
        {
            foreach (var j in phase.Journeys)
            {
                var outcomes = string.Join(", ", j.Outcomes.Where(o => o.Value > 0).Select(o => $"{o.Key} {o.Value}"));
                md.AppendLine(CultureInfo.InvariantCulture, $"| {phase.Name} | {Number(phase.FromSeconds)}–{Number(phase.ToSeconds)}s | {j.Journey} | {j.Count} | {(j.SuccessRate is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "—")} | {Ms(j.P50Seconds)} | {Ms(j.P99Seconds)} | {outcomes} |");
            }
        }

        if (report.Faults.Count > 0)
        {
            md.AppendLine("\n## Fault timeline\n");
            foreach (var f in report.Faults)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {Number(f.ActualSeconds)}s: {f.Fault} {f.Action} on {f.Dependency}");
            }
        }

        if (report.Circuits.Count > 0)
        {
            md.AppendLine("\n## Circuits\n");
            foreach (var c in report.Circuits)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {Number(c.AtSeconds)}s: {c.Dependency} {c.State}");
            }
        }

        if (report.Pipelines.Count > 0)
        {
            md.AppendLine("\n## Resilience pipelines\n");
            md.AppendLine("The service's own Polly telemetry: events by pipeline over the run.\n");
            foreach (var p in report.Pipelines)
            {
                var events = string.Join(", ", p.Events.Select(e => $"{e.Value} {e.Key}"));
                md.AppendLine(CultureInfo.InvariantCulture, $"- {p.Pipeline}{(p.Dependency is null ? "" : $" ({p.Dependency})")}: {events}");
            }
        }

        if (report.Load is { } load)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"\nLoad: {load.Started} journeys started of {load.Scheduled} scheduled ({load.Dropped} dropped at the in-flight bound), {Number(load.AchievedRate)}/s achieved for {Number(load.TargetRate)}/s targeted.");
        }

        if (report.Drain is { } drain)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Drain: {(drain.Completed ? "completed" : drain.Settled ? "ended without progress" : "timed out")} in {Number(drain.Seconds)}s; pending payments {drain.PendingAtStart} → {drain.PendingAtEnd}, pending shipments {drain.PendingShipmentsAtStart} → {drain.PendingShipmentsAtEnd}.");
        }

        return md.ToString();
    }

    /// <summary>The JUnit XML report: one test case per expectation and invariant.</summary>
    public static string ToJUnit(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var cases = new List<XElement>();
        foreach (var e in report.Expectations)
        {
            var name = $"{e.Phase} {Subject(e)} {MetricLabel(e)}";
            var element = new XElement("testcase", new XAttribute("classname", $"{report.Scenario}.expectations"), new XAttribute("name", name));
            if (e.Skipped)
            {
                element.Add(new XElement("skipped", new XAttribute("message", e.Message)));
            }
            else if (!e.Measured)
            {
                element.Add(new XElement("error", new XAttribute("message", e.Message)));
            }
            else if (!e.Passed)
            {
                element.Add(new XElement("failure", new XAttribute("message", e.Message)));
            }

            cases.Add(element);
        }

        foreach (var i in report.Invariants)
        {
            var element = new XElement("testcase", new XAttribute("classname", $"{report.Scenario}.invariants"), new XAttribute("name", i.Name));
            if (!i.Measured)
            {
                element.Add(new XElement("error", new XAttribute("message", i.Message)));
            }
            else if (!i.Passed)
            {
                element.Add(new XElement("failure", new XAttribute("message", i.Message), string.Join("\n", i.Examples)));
            }

            cases.Add(element);
        }

        foreach (var error in report.Errors)
        {
            cases.Add(new XElement("testcase", new XAttribute("classname", $"{report.Scenario}.harness"), new XAttribute("name", "harness"),
                new XElement("error", new XAttribute("message", error))));
        }

        var suite = new XElement(
            "testsuite",
            new XAttribute("name", report.Scenario),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
            new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
            new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
            new XAttribute("timestamp", report.StartedAt.ToString("s", CultureInfo.InvariantCulture)),
            cases);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite)).ToString();
    }

    /// <summary>What an expectation is about: its journey, its dependency (and route), or all journeys.</summary>
    internal static string Subject(ExpectationResult e) =>
        e.Route is not null ? $"{e.Dependency} {e.Route}" : e.Journey ?? e.Dependency ?? "all";

    /// <summary>The metric with what qualifies it: <c>fallbacks secondaryGateway</c>, <c>unexpectedFailures beyond [degraded, 401]</c>.</summary>
    internal static string MetricLabel(ExpectationResult e) =>
        e.Fallback is not null ? $"{e.Metric} {e.Fallback}"
        : e.ExpectedFailures is not null ? $"{e.Metric} beyond [{string.Join(", ", e.ExpectedFailures)}]"
        : e.Metric;

    private static string VerdictWord(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "PASS (degraded as designed)",
        Verdict.Fail => "FAIL (beyond contract)",
        _ => "ERROR (harness could not judge)",
    };

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Ms(double seconds) => (seconds * 1000).ToString("0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>Writes one report file (UTF-8 without a byte-order mark); returns its path.</summary>
    internal static string Write(string directory, string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }
}
