using System.Text.Json;
using System.Xml.Linq;
using Chaos.Engine.Judging;
using Chaos.Engine.Reports;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Reports;

public sealed class ReportWriterTests
{
    [Fact]
    public void ToJson_Report_HasTopLevelVerdictAndEveryExpectationWithObservedValue()
    {
        using var json = JsonDocument.Parse(ReportWriter.ToJson(Report(Verdict.Fail)));

        json.RootElement.GetProperty("verdict").GetString().ShouldBe("fail");
        var expectations = json.RootElement.GetProperty("expectations").EnumerateArray().ToList();
        expectations.Count.ShouldBe(2);
        expectations[1].GetProperty("observed").GetDouble().ShouldBe(0.62);
        expectations[1].GetProperty("passed").GetBoolean().ShouldBeFalse();
        json.RootElement.GetProperty("invariants")[0].GetProperty("name").GetString().ShouldBe("noDoubleCharges");
    }

    [Fact]
    public void FromJson_WrittenReport_ReadsBackTheSameFigures()
    {
        var written = HtmlReportWriterTests.Report() with { Verdict = Verdict.Fail };

        var read = ReportWriter.FromJson(ReportWriter.ToJson(written));

        read.Verdict.ShouldBe(Verdict.Fail);
        read.Scenario.ShouldBe(written.Scenario);
        read.Expectations.ShouldBe(written.Expectations);
        read.JourneyBuckets.Select(j => j.Journey).ShouldBe(["browse", "checkout"]);
        read.JourneyBuckets[1].Buckets[20].ShouldBe(written.JourneyBuckets[1].Buckets[20]);
        read.DependencyBuckets[0].Buckets.Sum(b => b.Calls).ShouldBe(written.DependencyBuckets[0].Buckets.Sum(b => b.Calls));
        read.Circuits.ShouldBe(written.Circuits);
        double.IsNaN(read.Buckets[^1].P99Seconds).ShouldBeTrue();
    }

    [Fact]
    public void ToJUnit_Report_OneCasePerExpectationAndInvariantWithFailures()
    {
        var suite = XDocument.Parse(ReportWriter.ToJUnit(Report(Verdict.Fail))).Root!.Element("testsuite")!;

        suite.Attribute("tests")!.Value.ShouldBe("3");
        suite.Attribute("failures")!.Value.ShouldBe("1");
        suite.Elements("testcase").Single(c => c.Element("failure") is not null).Attribute("name")!.Value.ShouldBe("outage checkout successRate");
    }

    [Fact]
    public void ToMarkdown_FailedRun_ShowsVerdictAndFailedRow()
    {
        var markdown = ReportWriter.ToMarkdown(Report(Verdict.Fail));

        markdown.ShouldStartWith("# payment-gateway-down: FAIL");
        markdown.ShouldContain("| ❌ | outage | checkout | successRate | >= 0.95 | 0.62 |");
    }

    [Fact]
    public void Reports_ARunThatStoppedEarly_SayWhenAndWhyAndMarkTheExpectationsItDidNotJudge()
    {
        var skipped = new ExpectationResult("recovery", "checkout", null, "successRate", 0.99, null, null, false, false, "not judged: the run stopped at 36.0 s", 30) { Skipped = true };
        var report = Report(Verdict.Fail) with
        {
            Expectations = [.. Report(Verdict.Fail).Expectations, skipped],
            StoppedEarly = new EarlyStopReport(36, "outage checkout successRate", "outage · checkout · successRate: expected >= 0.95, observed 0.62"),
        };

        var suite = XDocument.Parse(ReportWriter.ToJUnit(report)).Root!.Element("testsuite")!;
        suite.Attribute("skipped")!.Value.ShouldBe("1");
        suite.Attribute("errors")!.Value.ShouldBe("0", "a skipped expectation is not a harness error");
        suite.Elements("testcase").Single(c => c.Element("skipped") is not null).Attribute("name")!.Value.ShouldBe("recovery checkout successRate");
        var markdown = ReportWriter.ToMarkdown(report);
        markdown.ShouldContain("**Stopped early** at 36s (--fail-fast): outage checkout successRate had failed.");
        markdown.ShouldContain("| ⏭️ | recovery | checkout | successRate | >= 0.99 | - |");
        var json = ReportWriter.ToJson(report);
        ReportWriter.FromJson(json).StoppedEarly.ShouldBe(report.StoppedEarly);
        ReportWriter.FromJson(json).Expectations[^1].Skipped.ShouldBeTrue();
        HtmlReportWriter.ToHtml(report).ShouldContain("not judged");
    }

    [Fact]
    public void WriteAll_Folder_WritesFourReports()
    {
        var directory = Path.Combine(Path.GetTempPath(), "chaos-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = ReportWriter.WriteAll(Report(Verdict.Pass), directory);

            files.Select(Path.GetFileName).ShouldBe(["report.json", "report.md", "junit.xml", "report.html"]);
            files.ShouldAllBe(f => new FileInfo(f).Length > 0);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static RunReport Report(Verdict verdict) => new()
    {
        Scenario = "payment-gateway-down",
        Incident = "Stripe 2019",
        SourcePath = "scenarios/payment-gateway-down.yaml",
        Seed = 1,
        StartedAt = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero),
        Verdict = verdict,
        Expectations =
        [
            new ExpectationResult("baseline", "checkout", null, "successRate", 0.99, null, 1.0, true, true, "ok", 10),
            new ExpectationResult("outage", "checkout", null, "successRate", 0.95, null, 0.62, false, true, "outage · checkout · successRate: expected >= 0.95, observed 0.62", 20),
        ],
        Invariants = [new InvariantResult("noDoubleCharges", true, "12 charges, at most one per order", [])],
    };
}
