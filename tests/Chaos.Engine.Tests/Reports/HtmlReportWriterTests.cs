using System.Globalization;
using System.Xml.Linq;
using Chaos.Engine.Judging;
using Chaos.Engine.Reports;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Reports;

public sealed class HtmlReportWriterTests
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void ToHtml_Report_IsWellFormedXhtmlWithTitleAndVerdict()
    {
        var html = HtmlReportWriter.ToHtml(Report());

        html.ShouldStartWith("<!DOCTYPE html>");
        var document = XDocument.Parse(html);
        document.Root!.Name.ShouldBe(Xhtml + "html");
        document.Root.Element(Xhtml + "head")!.Element(Xhtml + "title")!.Value.ShouldBe("payment-gateway-down: FAIL (beyond contract)");
        document.Descendants(Xhtml + "span").Single(e => (string?)e.Attribute("id") == "verdict").Value.ShouldBe("FAIL (beyond contract)");
    }

    [Fact]
    public void ToHtml_Report_HasOneSvgPerChart()
    {
        var document = XDocument.Parse(HtmlReportWriter.ToHtml(Report()));

        document.Descendants(Svg + "svg").Select(s => (string?)s.Attribute("id"))
            .ShouldBe(["chart-throughput", "chart-success", "chart-latency", "chart-dependencies"]);
        document.Descendants(Svg + "svg").ShouldAllBe(s => s.Descendants(Svg + "path").Any(p => (string?)p.Attribute("class") == "series"));
    }

    [Fact]
    public void ToHtml_Report_SuccessChartHasOneLinePerJourney()
    {
        var document = XDocument.Parse(HtmlReportWriter.ToHtml(Report()));

        Chart(document, "chart-success").Descendants(Svg + "path").Select(p => (string?)p.Attribute("data-series")).ShouldBe(["browse", "checkout"]);
    }

    [Fact]
    public void ToHtml_HostsOfAPool_AreNamedInTheLegendByTheirOwnNamesAsTheReportSays()
    {
        DependencyBucketReport[] buckets = [new(0, 5, 0)];
        var report = Report() with
        {
            Dependencies = [new DependencyReport("ledger.eu-1", 5, 0, 0, new Dictionary<string, int>()) { Pool = "ledger" }, new DependencyReport("payments.primary", 5, 0, 0, new Dictionary<string, int>())],
            DependencyBuckets = [new DependencyBucketsReport("ledger.eu-1", buckets), new DependencyBucketsReport("payments.primary", buckets)],
        };

        var html = HtmlReportWriter.ToHtml(report);

        Chart(XDocument.Parse(html), "chart-dependencies").Descendants(Svg + "path").Select(p => (string?)p.Attribute("data-series")).ShouldBe(["eu-1", "payments.primary"]);
        html.ShouldContain("the hosts of ledger by their own names");
    }

    [Fact]
    public void ToHtml_FaultWindows_ShadedInEveryChartAtTheirActualOffsets()
    {
        var document = XDocument.Parse(HtmlReportWriter.ToHtml(Report()));

        // 60 s on the axis: brownout 10.0-20.0 s and outage 20.0-35.0 s as played.
        foreach (var svg in document.Descendants(Svg + "svg"))
        {
            var windows = svg.Elements(Svg + "rect").Where(r => (string?)r.Attribute("class") == "fault-window").ToList();
            windows.Select(w => (string?)w.Attribute("data-fault")).ShouldBe(["brownout", "outage"]);
            Number(windows[0], "x").ShouldBe(SvgChart.PlotLeft + (10.0 / 60 * SvgChart.PlotWidth), 0.01);
            Number(windows[0], "width").ShouldBe(10.0 / 60 * SvgChart.PlotWidth, 0.01);
            Number(windows[1], "x").ShouldBe(SvgChart.PlotLeft + (20.0 / 60 * SvgChart.PlotWidth), 0.01);
            Number(windows[1], "width").ShouldBe(15.0 / 60 * SvgChart.PlotWidth, 0.01);
            Number(windows[1], "height").ShouldBe(SvgChart.PlotHeight);
        }
    }

    [Fact]
    public void ToHtml_FaultOnAHostCohort_OneWindowFromFirstAppliedToLastCleared()
    {
        var report = Report() with
        {
            Faults =
            [
                new FaultEventReport("windows-hosts", "fulfillment.host-1", "applied", 30, 30.0),
                new FaultEventReport("windows-hosts", "fulfillment.host-2", "applied", 30, 30.5),
                new FaultEventReport("windows-hosts", "fulfillment.host-1", "ramped", 40, 40.0),
                new FaultEventReport("windows-hosts", "fulfillment.host-1", "cleared", 45, 45.0),
                new FaultEventReport("windows-hosts", "fulfillment.host-2", "cleared", 48, 48.0),
            ],
        };

        var document = XDocument.Parse(HtmlReportWriter.ToHtml(report));

        var window = Chart(document, "chart-throughput").Elements(Svg + "rect").Single(r => (string?)r.Attribute("class") == "fault-window");
        Number(window, "x").ShouldBe(SvgChart.PlotLeft + (30.0 / 60 * SvgChart.PlotWidth), 0.01);
        Number(window, "width").ShouldBe(18.0 / 60 * SvgChart.PlotWidth, 0.01);
    }

    [Fact]
    public void ToHtml_Circuits_BandPerStateUnderTheLatencyChart()
    {
        var document = XDocument.Parse(HtmlReportWriter.ToHtml(Report()));

        var bands = Chart(document, "chart-latency").Elements(Svg + "rect").Where(r => (string?)r.Attribute("class") == "circuit-band").ToList();
        bands.Select(b => $"{b.Attribute("data-dependency")!.Value} {b.Attribute("data-state")!.Value}")
            .ShouldBe(["payments.primary closed", "payments.primary open", "payments.primary half-open", "payments.primary closed", "payments.secondary closed"]);
        var open = bands[1];
        Number(open, "x").ShouldBe(SvgChart.PlotLeft + (21.0 / 60 * SvgChart.PlotWidth), 0.01);
        Number(open, "width").ShouldBe(14.0 / 60 * SvgChart.PlotWidth, 0.01);
        open.Attribute("fill")!.Value.ShouldBe(SvgChart.StateColor("open"));
    }

    [Fact]
    public void ToHtml_ScenarioTextWithMarkup_IsEscapedNotInjected()
    {
        var report = Report() with
        {
            Scenario = "evil</title><script>alert(1)</script>",
            Incident = "<img src=x onerror=alert(2)> & \"quotes\"",
            Expectations = [new ExpectationResult("outage", "<b>checkout</b>", null, "successRate", 0.95, null, 0.5, false, true, "</td></tr></table><script>alert(3)</script>", 7)],
            Invariants = [new InvariantResult("noDoubleCharges", false, "2 orders charged twice", ["order <o-1> charged twice & more"])],
        };

        var html = HtmlReportWriter.ToHtml(report);

        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("<img", Case.Insensitive);
        html.ShouldNotContain("<b>");
        var document = XDocument.Parse(html);
        document.Descendants().ShouldNotContain(e => e.Name.LocalName == "script" || e.Name.LocalName == "img" || e.Name.LocalName == "b");
        document.Root!.Element(Xhtml + "head")!.Element(Xhtml + "title")!.Value.ShouldStartWith("evil</title><script>alert(1)</script>");
        document.Descendants(Xhtml + "li").ShouldContain(li => li.Value == "order <o-1> charged twice & more");
    }

    [Fact]
    public void ToHtml_Report_SelfContainedAndEmptyCellsWrittenAsPairs()
    {
        var html = HtmlReportWriter.ToHtml(Report());

        var document = XDocument.Parse(html);
        document.Descendants().Attributes().Where(a => a.Name.LocalName is "src" or "href").ShouldBeEmpty();
        document.Descendants().ShouldNotContain(e => e.Name.LocalName == "script" || e.Name.LocalName == "link");
        html.ShouldNotContain("<td />");
        html.ShouldNotContain("<th />");
    }

    [Fact]
    public void ToHtml_VerdictTables_ExpectedAndObservedAndInvariantExamples()
    {
        var document = XDocument.Parse(HtmlReportWriter.ToHtml(Report()));

        var failed = Table(document, "expectations").Descendants(Xhtml + "tr").Single(r => (string?)r.Attribute("class") == "failed");
        failed.Elements(Xhtml + "td").Select(td => td.Value).ToArray()[1..7].ShouldBe(["outage", "checkout", "", "successRate", ">= 0.95", "0.62"]);
        var invariant = Table(document, "invariants").Descendants(Xhtml + "tr").Single(r => (string?)r.Attribute("class") == "failed");
        invariant.Descendants(Xhtml + "li").Select(li => li.Value).ShouldBe(["order o-7: 2 charges (ch_1, ch_2)"]);
        Table(document, "phases").Descendants(Xhtml + "tbody").Single().Elements(Xhtml + "tr").Count().ShouldBe(4);
    }

    [Fact]
    public void ToHtml_EmptyReport_StillWellFormed()
    {
        var report = new RunReport
        {
            Scenario = "aborted",
            Incident = "none",
            SourcePath = "x.yaml",
            Seed = 1,
            StartedAt = DateTimeOffset.UnixEpoch,
            Verdict = Verdict.Error,
            Errors = ["The run was cancelled before it finished; nothing was judged."],
        };

        var document = XDocument.Parse(HtmlReportWriter.ToHtml(report));

        document.Descendants(Svg + "svg").Count().ShouldBe(3);
        document.Descendants(Xhtml + "p").ShouldContain(p => p.Value.Contains("cancelled", StringComparison.Ordinal));
    }

    [Fact]
    public void ToHtml_BucketsWithScheduleLag_ChartsTheLagP99PerSecondNextToLatencyP99()
    {
        // Latency p99 100 ms throughout; the engine's lag p99 1 ms for the first 30 s, then 10 ms: on the log axis (1 ms to
        // 100 ms) each value sits on a grid line, so the plotted points can be read back exactly.
        var report = Report();
        report = report with
        {
            Buckets = report.Buckets.Select(b => b with { P99Seconds = 0.1, LagP99Seconds = b.AtSeconds < 30 ? 0.001 : 0.01 }).ToList(),
        };

        var document = XDocument.Parse(HtmlReportWriter.ToHtml(report));

        document.Descendants(Svg + "svg").Select(s => (string?)s.Attribute("id"))
            .ShouldBe(["chart-throughput", "chart-success", "chart-latency", "chart-lag", "chart-dependencies"]);
        var chart = Chart(document, "chart-lag");
        var series = chart.Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == "series").ToDictionary(p => (string)p.Attribute("data-series")!, Points);
        series.Keys.ShouldBe(["latency p99", "schedule lag p99"]);
        var lag = series["schedule lag p99"];
        lag.Count.ShouldBe(60);
        lag[0].X.ShouldBe(SvgChart.PlotLeft + (0.5 / 60 * SvgChart.PlotWidth), 0.01);
        lag.Take(30).ShouldAllBe(p => Math.Abs(p.Y - GridLine(chart, "1ms")) < 0.01);
        lag.Skip(30).ShouldAllBe(p => Math.Abs(p.Y - GridLine(chart, "10ms")) < 0.01);
        series["latency p99"].ShouldAllBe(p => Math.Abs(p.Y - GridLine(chart, "100ms")) < 0.01);
        document.Descendants(Xhtml + "figcaption").ShouldContain(c => c.Value.Contains("worst second 10ms", StringComparison.Ordinal));
    }

    /// <summary>A failed run over 60 s with two journeys, two faults, a breaker that opened and went half-open, and a double charge.</summary>
    internal static RunReport Report()
    {
        var browse = Enumerable.Range(0, 60).Select(i => new BucketReport(i, 15, 15, 0, 0, 0, 0.004, 0.012)).ToList();
        var checkout = Enumerable.Range(0, 60).Select(i => i is >= 20 and < 35
            ? new BucketReport(i, 9, 4, 3, 2, 0, 0.9, 2.5)
            : new BucketReport(i, 9, 9, 0, 0, 0, 0.03, 0.2)).ToList();
        checkout[59] = new BucketReport(59, 0, 0, 0, 0, 0, double.NaN, double.NaN);
        var all = browse.Zip(checkout, (b, c) => new BucketReport(b.AtSeconds, b.Count + c.Count, b.Succeeded + c.Succeeded, b.Degraded + c.Degraded, b.Failed + c.Failed, 0, b.P50Seconds, Math.Max(b.P99Seconds, double.IsNaN(c.P99Seconds) ? 0 : c.P99Seconds))).ToList();
        all[59] = all[59] with { P99Seconds = double.NaN };
        return new RunReport
        {
            Scenario = "payment-gateway-down",
            Incident = "Stripe 2019",
            SourcePath = "scenarios/payment-gateway-down.yaml",
            Seed = 20190710,
            StartedAt = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero),
            Verdict = Verdict.Fail,
            Expectations =
            [
                new ExpectationResult("baseline", "checkout", null, "successRate", 0.99, null, 1.0, true, true, "ok", 10),
                new ExpectationResult("outage", "checkout", null, "successRate", 0.95, null, 0.62, false, true, "outage · checkout · successRate: expected >= 0.95, observed 0.62", 20),
                new ExpectationResult("outage", null, "payments.primary", "timeToCircuitOpen", null, 5, 1.0, true, true, "ok", 30),
            ],
            Invariants =
            [
                new InvariantResult("noLostOrders", true, "all accepted orders are in the storefront", []),
                new InvariantResult("noDoubleCharges", false, "1 order charged more than once", ["order o-7: 2 charges (ch_1, ch_2)"]),
            ],
            Phases =
            [
                new PhaseReport("baseline", 0, 10, [Journey("browse", 150, 150), Journey("checkout", 90, 90)]),
                new PhaseReport("outage", 20, 35, [Journey("browse", 225, 225), Journey("checkout", 135, 60)]),
            ],
            Faults =
            [
                new FaultEventReport("brownout", "payments.primary", "applied", 10, 10.0),
                new FaultEventReport("brownout", "payments.primary", "cleared", 20, 20.0),
                new FaultEventReport("outage", "payments.primary", "applied", 20, 20.0),
                new FaultEventReport("outage", "payments.primary", "cleared", 35, 35.0),
            ],
            Circuits =
            [
                new CircuitReport("payments.primary", 0, "closed"),
                new CircuitReport("payments.secondary", 0, "closed"),
                new CircuitReport("payments.primary", 21, "open"),
                new CircuitReport("payments.primary", 35, "half-open"),
                new CircuitReport("payments.primary", 36, "closed"),
            ],
            Dependencies = [new DependencyReport("payments.primary", 300, 80, 220, new Dictionary<string, int> { ["charges"] = 300 })],
            Load = new LoadReport(1080, 1080, 0, 60, 18, 18),
            Drain = new DrainReport(0.5, true, 3, 0),
            Buckets = all,
            JourneyBuckets = [new JourneyBucketsReport("browse", browse), new JourneyBucketsReport("checkout", checkout)],
            DependencyBuckets = [new DependencyBucketsReport("payments.primary", Enumerable.Range(0, 60).Select(i => new DependencyBucketReport(i, 5, i is >= 20 and < 35 ? 5 : 0)).ToList())],
        };
    }

    private static JourneyReport Journey(string name, long count, long succeeded) =>
        new(name, count, succeeded, 0, new Dictionary<string, long> { ["Success"] = succeeded, ["HttpError"] = count - succeeded }, (double)succeeded / count, 0.01, 0.02, 0.03, 0.04);

    private static XElement Chart(XDocument document, string id) => document.Descendants(Svg + "svg").Single(s => (string?)s.Attribute("id") == id);

    private static XElement Table(XDocument document, string id) => document.Descendants(Xhtml + "table").Single(s => (string?)s.Attribute("id") == id);

    /// <summary>The points of a series path ("M x y L x y ...").</summary>
    private static List<(double X, double Y)> Points(XElement path)
    {
        var numbers = ((string)path.Attribute("d")!).Split([' ', 'M', 'L'], StringSplitOptions.RemoveEmptyEntries)
            .Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        return Enumerable.Range(0, numbers.Length / 2).Select(i => (numbers[2 * i], numbers[(2 * i) + 1])).ToList();
    }

    /// <summary>The y of the horizontal grid line whose axis label is <paramref name="label"/> (the label sits 4 below it).</summary>
    private static double GridLine(XElement chart, string label) =>
        Number(chart.Elements(Svg + "text").Single(t => t.Value == label && Number(t, "x") == SvgChart.PlotLeft - 6), "y") - 4;

    private static double Number(XElement element, string attribute) => double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
}
