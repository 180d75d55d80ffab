using System.Text.Json;
using System.Xml.Linq;
using Chaos.Engine.Judging;
using Chaos.Engine.Reports;
using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Reports;

/// <summary>The newer metrics, the unmeasured invariant and the target arrival rate in every report format.</summary>
public sealed class ReportJudgingTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    private const string UnexpectedMessage = "outage checkout: 12 of 40 journeys (30%) failed unexpectedly (500 x10, timeout x2); expected at most 0% beyond [degraded, 401]";

    [Fact]
    public void ToJson_NewMetrics_CarryTheirQualifiersAndReadBack()
    {
        var report = Report();

        var json = ReportWriter.ToJson(report);
        var read = ReportWriter.FromJson(json);

        using var document = JsonDocument.Parse(json);
        var expectations = document.RootElement.GetProperty("expectations");
        expectations[0].GetProperty("expectedFailures").EnumerateArray().Select(e => e.GetString()).ShouldBe(["degraded", "401"]);
        expectations[1].GetProperty("fallback").GetString().ShouldBe("secondaryGateway");
        expectations[2].GetProperty("route").GetString().ShouldBe("charges");
        document.RootElement.GetProperty("invariants")[0].GetProperty("measured").GetBoolean().ShouldBeFalse();
        document.RootElement.GetProperty("targetRates")[1].GetProperty("endRate").GetDouble().ShouldBe(30);
        read.Expectations[0].ExpectedFailures.ShouldBe(["degraded", "401"]);
        read.Expectations[3].Observed.ShouldBe(7.5);
        read.Invariants[0].Measured.ShouldBeFalse();
        read.TargetRates.ShouldBe(report.TargetRates);
    }

    [Fact]
    public void ToMarkdown_NewMetrics_LabelledWithTheirQualifiersAndMessages()
    {
        var markdown = ReportWriter.ToMarkdown(Report());

        markdown.ShouldContain("| ❌ | outage | checkout | unexpectedFailures beyond [degraded, 401] | <= 0 | 0.3 |");
        markdown.ShouldContain("| ✅ | outage | all | fallbacks secondaryGateway | >= 10 | 12 |");
        markdown.ShouldContain("| ✅ | outage | payments.primary charges | retriesPerRequest | <= 2 | 1 |");
        markdown.ShouldContain("| ✅ | outage | all | drainTime | <= 30s | 7.5s |");
        markdown.ShouldContain($"- line 20: {UnexpectedMessage}");
        markdown.ShouldContain("- line 32: outage drainTime: reached zero");
        markdown.ShouldContain("- ⚠️ **noUnauthenticatedAccess**: no probe");
    }

    [Fact]
    public void ToJUnit_UnmeasuredInvariant_IsAnErrorAndNewMetricsNamedWithQualifiers()
    {
        var suite = XDocument.Parse(ReportWriter.ToJUnit(Report())).Root!.Element("testsuite")!;

        suite.Attribute("errors")!.Value.ShouldBe("1");
        suite.Attribute("failures")!.Value.ShouldBe("1");
        suite.Elements("testcase").Single(c => c.Element("error") is not null).Attribute("name")!.Value.ShouldBe("noUnauthenticatedAccess");
        var failed = suite.Elements("testcase").Single(c => c.Element("failure") is not null);
        failed.Attribute("name")!.Value.ShouldBe("outage checkout unexpectedFailures beyond [degraded, 401]");
        failed.Element("failure")!.Attribute("message")!.Value.ShouldBe(UnexpectedMessage);
        suite.Elements("testcase").Select(c => c.Attribute("name")!.Value).ShouldContain("outage payments.primary charges retriesPerRequest");
    }

    [Fact]
    public void ToHtml_ThroughputChart_DrawsTheTargetRateNextToArrivals()
    {
        var report = HtmlReportWriterTests.Report() with { TargetRates = [new("ramp-up", 0, 10, 5, 30), new("peak", 10, 60, 30, 30)] };

        var document = XDocument.Parse(HtmlReportWriter.ToHtml(report));

        var series = document.Descendants(Svg + "svg").Single(s => (string?)s.Attribute("id") == "chart-throughput")
            .Descendants(Svg + "path").Select(p => (string?)p.Attribute("data-series")).ToList();
        series.ShouldContain("arrivals/s");
        series.ShouldContain("target/s");
        document.Descendants(Xhtml + "figcaption").ShouldContain(f => f.Value.Contains("target arrival rate", StringComparison.Ordinal));
    }

    [Fact]
    public void ToHtml_NoTargetRates_DrawsNoTargetLine()
    {
        var document = XDocument.Parse(HtmlReportWriter.ToHtml(HtmlReportWriterTests.Report()));

        document.Descendants(Svg + "path").Select(p => (string?)p.Attribute("data-series")).ShouldNotContain("target/s");
    }

    [Fact]
    public void ToHtml_UnmeasuredInvariantAndNewMetrics_InTheVerdictTables()
    {
        var document = XDocument.Parse(HtmlReportWriter.ToHtml(Report()));

        var invariants = document.Descendants(Xhtml + "table").Single(t => (string?)t.Attribute("id") == "invariants");
        invariants.Descendants(Xhtml + "tr").Single(r => (string?)r.Attribute("class") == "unmeasured").Value.ShouldContain("not measured");
        var expectations = document.Descendants(Xhtml + "table").Single(t => (string?)t.Attribute("id") == "expectations").Value;
        expectations.ShouldContain("fallbacks secondaryGateway");
        expectations.ShouldContain(UnexpectedMessage);
    }

    [Fact]
    public void Reasons_NewMetricAndUnmeasuredInvariant_QuotedInTheirOwnWords()
    {
        var reasons = ComparisonReport.Reasons(Report());

        reasons.ShouldContain(UnexpectedMessage);
        reasons.ShouldContain(r => r.StartsWith("noUnauthenticatedAccess not checked: no probe", StringComparison.Ordinal));
    }

    [Fact]
    public void TargetRatePoints_PhasesWithAGap_LeavesAGapBetweenThem()
    {
        var report = HtmlReportWriterTests.Report() with { TargetRates = [new("open", 0, 10, 5, 30), new("open-again", 20, 30, 10, 10)] };

        var points = HtmlReportWriter.TargetRatePoints(report);

        points.Count.ShouldBe(5);
        points.Take(2).ShouldBe([(0d, 5d), (10d, 30d)]);
        double.IsNaN(points[2].Y).ShouldBeTrue();
        points.Skip(3).ShouldBe([(20d, 10d), (30d, 10d)]);
    }

    [Fact]
    public void TargetRateReportFor_LoadPhases_PlacesThemOneAfterAnother()
    {
        var rates = TargetRateReport.For([new LoadPhase("ramp-up", TimeSpan.FromSeconds(10), 5, 30), new LoadPhase("peak", TimeSpan.FromSeconds(50), 30, 30)]);

        rates.ShouldBe([new TargetRateReport("ramp-up", 0, 10, 5, 30), new TargetRateReport("peak", 10, 60, 30, 30)]);
    }

    private static RunReport Report() => HtmlReportWriterTests.Report() with
    {
        Verdict = Verdict.Error,
        Expectations =
        [
            new ExpectationResult("outage", "checkout", null, "unexpectedFailures", null, 0, 0.3, false, true, UnexpectedMessage, 20) { ExpectedFailures = ["degraded", "401"] },
            new ExpectationResult("outage", null, null, "fallbacks", 10, null, 12, true, true, "outage fallbacks secondaryGateway: 12 charges on payments.secondary in the phase; expected at least 10", 24) { Fallback = "secondaryGateway" },
            new ExpectationResult("outage", null, "payments.primary", "retriesPerRequest", null, 2, 1, true, true, "outage payments.primary charges: at most 1 retries per request", 28) { Route = "charges" },
            new ExpectationResult("outage", null, null, "drainTime", null, 30, 7.5, true, true, "outage drainTime: reached zero", 32),
        ],
        Invariants =
        [
            new InvariantResult("noUnauthenticatedAccess", false, "no probe of a protected surface was made, so unauthenticated access could not be checked; add the adminProbe journey to load.journeys with a weight above 0", [], Measured: false),
            new InvariantResult("noLostOrders", true, "all accepted orders are in the storefront", []),
        ],
        TargetRates = [new("ramp-up", 0, 10, 5, 30), new("peak", 10, 60, 30, 30)],
    };
}
