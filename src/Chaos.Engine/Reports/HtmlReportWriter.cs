using System.Globalization;
using System.Xml.Linq;
using Chaos.Engine.Judging;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Reports;

/// <summary>
/// Writes <c>report.html</c>: one self-contained page (inline CSS and SVG, no script, no external asset) with the
/// verdict, charts of the run over time (fault windows shaded, circuit states as bands), the verdict table and
/// the phase table. Built as an XHTML tree, so every text from a scenario is escaped and the page is well-formed.
/// </summary>
internal static class HtmlReportWriter
{
    /// <summary>The XHTML namespace the page's elements are in.</summary>
    public static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    // Twelve distinguishable colours: a run has up to ten dependencies (two gateways, identity, tax, six hosts).
    private static readonly string[] Palette =
        ["#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22", "#d62728", "#393b79", "#637939"];

    private static readonly HashSet<string> VoidElements = new(StringComparer.Ordinal) { "meta", "br", "hr", "img", "link", "col" };

    private const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto; max-width: 1000px; color: #222; padding: 0 12px; }
        h1 { font-size: 1.5em; margin-bottom: 4px; }
        h2 { font-size: 1.2em; border-bottom: 1px solid #ddd; padding-bottom: 2px; margin-top: 28px; }
        h3 { font-size: 1em; margin: 18px 0 4px; }
        .verdict { display: inline-block; padding: 2px 10px; border-radius: 4px; color: #fff; font-weight: bold; }
        .verdict.pass { background: #2e7d32; } .verdict.fail { background: #c62828; } .verdict.error { background: #6a1b9a; }
        .meta { color: #555; margin: 2px 0; }
        .harness-error { background: #f3e5f5; border-left: 4px solid #6a1b9a; padding: 6px 10px; }
        table { border-collapse: collapse; width: 100%; font-size: 0.88em; margin: 6px 0; }
        th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: #f5f5f5; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.failed td { background: #fdecea; } tr.unmeasured td { background: #f3e5f5; } tr.skipped td { color: #666; }
        .mark-ok { color: #2e7d32; font-weight: bold; } .mark-fail { color: #c62828; font-weight: bold; } .mark-error { color: #6a1b9a; font-weight: bold; } .mark-skipped { color: #666; }
        figure { margin: 8px 0 16px; break-inside: avoid; page-break-inside: avoid; }
        figcaption { color: #555; font-size: 0.85em; }
        svg.chart { width: 100%; height: auto; display: block; }
        ul.examples { margin: 2px 0; padding-left: 18px; font-family: ui-monospace, monospace; font-size: 0.9em; }
        @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
        """;

    /// <summary>The HTML report of a run.</summary>
    public static string ToHtml(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var verdict = report.Verdict.ToString().ToLowerInvariant();
        var body = H(
            "body",
            H("h1", report.Scenario + " ", H("span", new XAttribute("class", $"verdict {verdict}"), new XAttribute("id", "verdict"), VerdictWord(report.Verdict))),
            H("p", new XAttribute("class", "meta"), $"Replays: {report.Incident}"),
            H("p", new XAttribute("class", "meta"), $"Scenario {report.SourcePath}, seed {report.Seed.ToString(CultureInfo.InvariantCulture)}, load started {report.StartedAt.ToString("u", CultureInfo.InvariantCulture)}."),
            report.StorefrontConfig.Count > 0 ? H("p", new XAttribute("class", "meta"), "Storefront configuration: " + string.Join(", ", report.StorefrontConfig)) : null,
            report.Errors.Select(e => H("p", new XAttribute("class", "harness-error"), H("strong", "Harness error: "), e)),
            Summary(report),
            H("h2", "Over time"),
            Charts(report),
            H("h2", "Verdict"),
            ExpectationTable(report),
            InvariantTable(report),
            H("h2", "Phases"),
            PhaseTable(report),
            Timeline(report),
            DependencyTable(report));

        var html = H(
            "html",
            new XAttribute("xmlns", Xhtml.NamespaceName),
            new XAttribute("lang", "en"),
            H("head",
                H("meta", new XAttribute("charset", "utf-8")),
                H("meta", new XAttribute("name", "viewport"), new XAttribute("content", "width=device-width, initial-scale=1")),
                H("title", $"{report.Scenario}: {VerdictWord(report.Verdict)}"),
                H("style", Css)),
            body);
        CloseEmptyElements(html);
        return "<!DOCTYPE html>\n" + html.ToString() + "\n";
    }

    /// <summary>The end of the time axis of a report's charts, in seconds.</summary>
    public static double ChartSeconds(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ends = new List<double> { report.Buckets.Count };
        ends.AddRange(report.Phases.Select(p => p.ToSeconds));
        ends.AddRange(report.Faults.Select(f => f.ActualSeconds));
        if (report.Load is { } load)
        {
            ends.Add(load.ElapsedSeconds);
        }

        return Math.Max(1, Math.Ceiling(ends.Max()));
    }

    /// <summary>The fault windows of a report as played: from applied to cleared (or the end of the charts).</summary>
    public static IReadOnlyList<(string Fault, string Dependency, double From, double To)> FaultWindows(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var end = ChartSeconds(report);
        var windows = new List<(string, string, double, double)>();
        foreach (var applied in report.Faults.Where(f => f.Action == FaultTimelinePlayer.Applied))
        {
            var cleared = report.Faults.FirstOrDefault(f => f.Action == FaultTimelinePlayer.Cleared && f.Fault == applied.Fault && f.Dependency == applied.Dependency && f.ActualSeconds >= applied.ActualSeconds);
            windows.Add((applied.Fault, applied.Dependency, applied.ActualSeconds, cleared?.ActualSeconds ?? end));
        }

        return windows;
    }

    /// <summary>Each dependency's circuit states as segments from one transition to the next (the last to the end of the charts).</summary>
    public static IReadOnlyList<(string Dependency, IReadOnlyList<(double From, double To, string State)> Segments)> CircuitSegments(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var end = ChartSeconds(report);
        return report.Circuits
            .GroupBy(c => c.Dependency, StringComparer.Ordinal)
            .Select(g =>
            {
                var transitions = g.OrderBy(c => c.AtSeconds).ToArray();
                var segments = transitions.Select((c, i) => (c.AtSeconds, i + 1 < transitions.Length ? transitions[i + 1].AtSeconds : Math.Max(end, c.AtSeconds), c.State)).ToArray();
                return (g.Key, (IReadOnlyList<(double, double, string)>)segments);
            })
            .ToArray();
    }

    private static XElement Summary(RunReport report)
    {
        var items = new List<object>();
        var passed = report.Expectations.Count(e => e.Passed);
        items.Add(H("li", $"Expectations: {passed} of {report.Expectations.Count} held; invariants: {report.Invariants.Count(i => i.Passed)} of {report.Invariants.Count} held."));
        if (report.StoppedEarly is { } stopped)
        {
            items.Add(H("li", $"Stopped early {stopped.Describe()}; {report.Expectations.Count(e => e.Skipped)} expectations whose data was not complete were not judged."));
        }
        if (report.Load is { } load)
        {
            items.Add(H("li", $"Load: {load.Started} journeys started of {load.Scheduled} scheduled ({load.Dropped} dropped at the in-flight bound), {Number(load.AchievedRate)}/s achieved for {Number(load.TargetRate)}/s targeted, over {Number(load.ElapsedSeconds)}s."));
        }

        if (report.Drain is { } drain)
        {
            items.Add(H("li", $"Drain: {(drain.Completed ? "completed" : drain.Settled ? "ended without progress" : "timed out")} in {Number(drain.Seconds)}s; pending payments {drain.PendingAtStart} → {drain.PendingAtEnd}, pending shipments {drain.PendingShipmentsAtStart} → {drain.PendingShipmentsAtEnd}."));
        }

        return H("ul", new XAttribute("class", "summary"), items);
    }

    private static IEnumerable<XElement> Charts(RunReport report)
    {
        var seconds = ChartSeconds(report);
        // One shaded window per fault, even when it hit several dependencies (a host cohort) at slightly different times.
        var windows = FaultWindows(report).GroupBy(w => w.Fault, StringComparer.Ordinal).Select(g => (Fault: g.Key, From: g.Min(w => w.From), To: g.Max(w => w.To))).ToArray();
        var circuits = CircuitSegments(report);

        SvgChart Chart(string id, string title)
        {
            var chart = new SvgChart(id, title, seconds);
            foreach (var (fault, from, to) in windows)
            {
                chart.AddWindow(fault, from, to);
            }

            return chart;
        }

        void AddCircuits(SvgChart chart)
        {
            foreach (var (dependency, segments) in circuits)
            {
                chart.AddBandRow(dependency, segments);
            }
        }

        static (double, double)[] Points(IEnumerable<BucketReport> buckets, Func<BucketReport, double> y) =>
            buckets.Select(b => (b.AtSeconds + 0.5, y(b))).ToArray();

        var throughput = Chart("chart-throughput", "Journeys per second: arrivals and how they ended");
        throughput.AddLine("succeeded/s", "#2ca02c", Points(report.Buckets, b => b.Succeeded), strokeWidth: 3);
        throughput.AddLine("degraded/s", "#ff7f0e", Points(report.Buckets, b => b.Degraded));
        throughput.AddLine("failed/s", "#d62728", Points(report.Buckets, b => b.Failed + b.Dropped));
        throughput.AddLine("arrivals/s", "#333333", Points(report.Buckets, b => b.Count), dashed: true, strokeWidth: 1.5);
        if (report.TargetRates.Count > 0)
        {
            throughput.AddLine("target/s", "#1f77b4", TargetRatePoints(report), dashed: true, strokeWidth: 1.5);
        }

        var target = report.TargetRates.Count > 0 ? " Blue dashes: the target arrival rate of the load plan's open-model phases." : "";
        yield return Figure(throughput, $"Arrivals per second achieved (by intended start) and how those journeys ended: succeeded, degraded as designed (503/429 with Retry-After), or failed (errors, timeouts, dropped).{target} Shaded: fault windows.");

        var success = Chart("chart-success", "Success rate by journey over time");
        success.YMax = 1;
        success.FormatY = v => v.ToString("0%", CultureInfo.InvariantCulture);
        var journeySeries = report.JourneyBuckets.Count > 0
            ? report.JourneyBuckets.Select(j => (j.Journey, j.Buckets))
            : [("all journeys", report.Buckets)];
        var colour = 0;
        foreach (var (journey, buckets) in journeySeries)
        {
            success.AddLine(journey, Palette[colour++ % Palette.Length], Points(buckets, b => b.Count == 0 ? double.NaN : (double)b.Succeeded / b.Count));
        }

        yield return Figure(success, "Share of each journey's arrivals in a second that succeeded. Shaded: fault windows.");

        var latency = Chart("chart-latency", "Latency over time, p50 and p99");
        latency.LogScale = true;
        latency.FormatY = v => MetricNames.FormatSeconds(v / 1000);
        latency.AddLine("p50 all", "#999999", Points(report.Buckets, b => b.P50Seconds * 1000));
        latency.AddLine("p99 all", "#222222", Points(report.Buckets, b => b.P99Seconds * 1000));
        colour = 0;
        foreach (var journey in report.JourneyBuckets)
        {
            latency.AddLine($"p99 {journey.Journey}", Palette[colour++ % Palette.Length], Points(journey.Buckets, b => b.P99Seconds * 1000), dashed: true, strokeWidth: 1.2);
        }

        AddCircuits(latency);
        yield return Figure(latency, "Latency from each journey's intended start (logarithmic). Shaded: fault windows; bands: each dependency's circuit as the storefront's status reported it.");

        // Reports written before the engine measured its lag (or runs where no journey ran) have none: no empty chart then.
        if (report.Buckets.Any(b => b.LagP99Seconds > 0))
        {
            var lag = Chart("chart-lag", "Schedule lag of the load engine, p99, next to latency p99");
            lag.LogScale = true;
            lag.FormatY = v => MetricNames.FormatSeconds(v / 1000);
            lag.AddLine("latency p99", "#222222", Points(report.Buckets, b => b.P99Seconds * 1000));
            lag.AddLine("schedule lag p99", "#9467bd", Points(report.Buckets, b => b.LagP99Seconds > 0 ? b.LagP99Seconds * 1000 : double.NaN), strokeWidth: 2.5);
            var worst = report.Buckets.Max(b => b.LagP99Seconds);
            yield return Figure(lag, $"How late the load engine started each second's journeys against their intended start (p99; worst second {MetricNames.FormatSeconds(worst)}), next to their latency p99, which includes it (logarithmic). Where the lag reaches half the latency, the engine, not the system, set the latency, and the judge reports a failed latency bound as not measured. Shaded: fault windows.");
        }

        if (report.DependencyBuckets.Count > 0)
        {
            var calls = Chart("chart-dependencies", "Dependency calls per second");
            colour = 0;
            foreach (var dependency in report.DependencyBuckets)
            {
                var color = Palette[colour++ % Palette.Length];
                calls.AddLine(ShortName(report, dependency.Dependency), color, dependency.Buckets.Select(b => (b.AtSeconds + 0.5, (double)b.Calls)).ToArray());
                if (dependency.Buckets.Any(b => b.Faulted > 0))
                {
                    calls.AddLine($"{ShortName(report, dependency.Dependency)} faulted", color, dependency.Buckets.Select(b => (b.AtSeconds + 0.5, (double)b.Faulted)).ToArray(), dashed: true, strokeWidth: 1.5);
                }
            }

            AddCircuits(calls);
            var pools = report.Dependencies.Select(d => d.Pool).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
            var hosts = pools.Length == 0 ? "" : $"the hosts of {string.Join(" and ", pools)} by their own names; ";
            yield return Figure(calls, $"Calls each simulated dependency received per second ({hosts}dashed: calls a fault was rendered on). Shaded: fault windows; bands: circuit states.");
        }
    }

    /// <summary>
    /// The target arrival rate as one line: the start and end rate of each open-model phase; between phases that are
    /// not adjacent (a closed-model phase, which has no target rate, lies between) a NaN point leaves a gap.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> TargetRatePoints(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var points = new List<(double X, double Y)>();
        double? lastEnd = null;
        foreach (var phase in report.TargetRates.OrderBy(p => p.FromSeconds))
        {
            if (lastEnd is { } end && Math.Abs(end - phase.FromSeconds) > 1e-9)
            {
                points.Add(((end + phase.FromSeconds) / 2, double.NaN));
            }

            points.Add((phase.FromSeconds, phase.StartRate));
            points.Add((phase.ToSeconds, phase.EndRate));
            lastEnd = phase.ToSeconds;
        }

        return points;
    }

    private static XElement Figure(SvgChart chart, string caption) =>
        H("figure", H("h3", chart.Title), chart.ToSvg(), H("figcaption", caption));

    private static XElement ExpectationTable(RunReport report)
    {
        var rows = report.Expectations.Select(e =>
        {
            var (mark, cls, rowClass) = e.Skipped ? ("not judged", "mark-skipped", "skipped")
                : !e.Measured ? ("not measured", "mark-error", "unmeasured")
                : e.Passed ? ("ok", "mark-ok", "") : ("FAIL", "mark-fail", "failed");
            var expected = MetricNames.FormatBounds(e.Metric, e.AtLeast, e.AtMost);
            return H(
                "tr",
                rowClass.Length > 0 ? new XAttribute("class", rowClass) : null,
                H("td", H("span", new XAttribute("class", cls), mark)),
                H("td", e.Phase),
                H("td", e.Journey ?? (e.Dependency is null ? "all" : "")),
                H("td", e.Route is null ? e.Dependency ?? "" : $"{e.Dependency} {e.Route}"),
                H("td", ReportWriter.MetricLabel(e)),
                H("td", expected),
                H("td", new XAttribute("class", "num"), e.Observed is null ? "nothing" : MetricNames.FormatValue(e.Metric, e.Observed)),
                H("td", e.Message),
                H("td", new XAttribute("class", "num"), e.Line.ToString(CultureInfo.InvariantCulture)));
        });
        return H(
            "table",
            new XAttribute("id", "expectations"),
            H("caption", "Expectations"),
            H("thead", H("tr", Headers("", "phase", "journey", "dependency", "metric", "expected", "observed", "detail", "line"))),
            H("tbody", rows));
    }

    private static XElement InvariantTable(RunReport report) => H(
        "table",
        new XAttribute("id", "invariants"),
        H("caption", "Invariants (after the drain)"),
        H("thead", H("tr", Headers("", "invariant", "result", "examples"))),
        H("tbody", report.Invariants.Select(i => H(
            "tr",
            i.Passed ? null : new XAttribute("class", i.Measured ? "failed" : "unmeasured"),
            H("td", H("span", new XAttribute("class", !i.Measured ? "mark-error" : i.Passed ? "mark-ok" : "mark-fail"), !i.Measured ? "not measured" : i.Passed ? "ok" : "FAIL")),
            H("td", i.Name),
            H("td", i.Message),
            H("td", i.Examples.Count == 0 ? "" : H("ul", new XAttribute("class", "examples"), i.Examples.Select(x => H("li", x))))))));

    private static XElement PhaseTable(RunReport report) => H(
        "table",
        new XAttribute("id", "phases"),
        H("thead", H("tr", Headers("phase", "window", "journey", "journeys", "success", "degraded", "p50", "p95", "p99", "max", "outcomes"))),
        H("tbody", report.Phases.SelectMany(p => p.Journeys.Select(j => H(
            "tr",
            H("td", p.Name),
            H("td", $"{Number(p.FromSeconds)}–{Number(p.ToSeconds)}s"),
            H("td", j.Journey),
            H("td", new XAttribute("class", "num"), j.Count.ToString(CultureInfo.InvariantCulture)),
            H("td", new XAttribute("class", "num"), j.SuccessRate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—"),
            H("td", new XAttribute("class", "num"), j.Degraded.ToString(CultureInfo.InvariantCulture)),
            H("td", new XAttribute("class", "num"), MetricNames.FormatSeconds(j.P50Seconds)),
            H("td", new XAttribute("class", "num"), MetricNames.FormatSeconds(j.P95Seconds)),
            H("td", new XAttribute("class", "num"), MetricNames.FormatSeconds(j.P99Seconds)),
            H("td", new XAttribute("class", "num"), MetricNames.FormatSeconds(j.MaxSeconds)),
            H("td", string.Join(", ", j.Outcomes.Where(o => o.Value > 0).Select(o => $"{o.Key} {o.Value}"))))))));

    private static IEnumerable<XElement> Timeline(RunReport report)
    {
        if (report.Faults.Count > 0)
        {
            yield return H("h2", "Fault timeline and circuits");
            yield return H(
                "table",
                new XAttribute("id", "faults"),
                H("thead", H("tr", Headers("at", "planned", "event", "dependency"))),
                H("tbody", report.Faults.Select(f => H(
                    "tr",
                    H("td", new XAttribute("class", "num"), Number(f.ActualSeconds) + "s"),
                    H("td", new XAttribute("class", "num"), Number(f.PlannedSeconds) + "s"),
                    H("td", $"{f.Fault} {f.Action}"),
                    H("td", f.Dependency)))));
        }

        if (report.Circuits.Count > 0)
        {
            yield return H(
                "table",
                new XAttribute("id", "circuits"),
                H("thead", H("tr", Headers("at", "dependency", "circuit"))),
                H("tbody", report.Circuits.Select(c => H(
                    "tr",
                    H("td", new XAttribute("class", "num"), Number(c.AtSeconds) + "s"),
                    H("td", c.Dependency),
                    H("td", c.State)))));
        }
    }

    private static IEnumerable<XElement> DependencyTable(RunReport report)
    {
        if (report.Dependencies.Count == 0)
        {
            yield break;
        }

        yield return H("h2", "Dependencies");
        yield return H(
            "table",
            new XAttribute("id", "dependencies"),
            H("thead", H("tr", Headers("dependency", "calls", "faulted", "charges", "by route"))),
            H("tbody", report.Dependencies.Select(d => H(
                "tr",
                H("td", d.Dependency),
                H("td", new XAttribute("class", "num"), d.Calls.ToString(CultureInfo.InvariantCulture)),
                H("td", new XAttribute("class", "num"), d.FaultedCalls.ToString(CultureInfo.InvariantCulture)),
                H("td", new XAttribute("class", "num"), d.Charges.ToString(CultureInfo.InvariantCulture)),
                H("td", string.Join(", ", d.CallsByRoute.Select(r => $"{r.Key} {r.Value}")))))));
    }

    private static IEnumerable<XElement> Headers(params string[] names) => names.Select(n => H("th", n));

    /// <summary>An XHTML element.</summary>
    internal static XElement H(string name, params object?[] content) => new(Xhtml + name, content);

    /// <summary>
    /// Gives every empty non-void element an empty text, so it is written <c>&lt;td&gt;&lt;/td&gt;</c>: an HTML
    /// parser reads <c>&lt;td /&gt;</c> as an open tag.
    /// </summary>
    internal static void CloseEmptyElements(XElement root)
    {
        foreach (var element in root.DescendantsAndSelf().Where(e => e.Name.Namespace == Xhtml && e.IsEmpty && !VoidElements.Contains(e.Name.LocalName)).ToList())
        {
            element.Value = "";
        }
    }

    private static string VerdictWord(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "PASS (degraded as designed)",
        Verdict.Fail => "FAIL (beyond contract)",
        _ => "ERROR (harness could not judge)",
    };

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A dependency's name short enough for a one-row legend of ten: a pool's host by its own name (<c>fc-win-1</c> for <c>fulfillment.fc-win-1</c>).</summary>
    private static string ShortName(RunReport report, string dependency) =>
        report.Dependencies.FirstOrDefault(d => d.Dependency == dependency)?.Pool is { Length: > 0 } pool && dependency.StartsWith(pool + ".", StringComparison.Ordinal)
            ? dependency[(pool.Length + 1)..]
            : dependency;
}
