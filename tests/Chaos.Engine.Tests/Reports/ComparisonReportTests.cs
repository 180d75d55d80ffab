using System.Xml.Linq;
using Chaos.Engine.Judging;
using Chaos.Engine.Reports;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Reports;

public sealed class ComparisonReportTests
{
    [Fact]
    public void Build_TunedAgainstFailoverOff_VerdictPerConfigWithTheReasonsNamed()
    {
        var comparison = Compare();

        comparison.Configs.Select(c => (c.Name, c.Verdict)).ShouldBe([("tuned", Verdict.Pass), ("failover-off", Verdict.Fail)]);
        comparison.Configs[0].Reasons.ShouldBeEmpty();
        comparison.Configs[1].Reasons.ShouldBe(
        [
            "outage · checkout · successRate: observed 0.3077, expected >= 0.95",
            "relapse · checkout · successRate: observed 0.7246, expected >= 0.95",
            "recovery · checkout · successRate: observed 0.7979, expected >= 0.99",
        ]);
        comparison.ExitCode.ShouldBe(1);
        comparison.Scenario.ShouldBe("payment-gateway-down");
        comparison.Seed.ShouldBe(20190710);
    }

    [Fact]
    public void Build_SuccessByPhase_ValuesSideBySideAndBrokenExpectationMarked()
    {
        var row = Compare().Rows.Single(r => r.Section == "success by phase" && r.Name == "outage · checkout");

        row.Values[0].ShouldBe(1.0);
        row.Values[1]!.Value.ShouldBe(44.0 / 143, 1e-4);
        row.Display.ShouldBe(["100.0% of 143", "30.8% of 143"]);
        row.Failed.ShouldBe([false, true]);
    }

    [Fact]
    public void Build_P99AndAmplificationAndInvariants_OneRowEach()
    {
        var rows = Compare().Rows;

        rows.Where(r => r.Section == "p99 by phase").Select(r => r.Name).ShouldContain("outage · checkout");
        var amplification = rows.Single(r => r.Section == "amplification");
        amplification.Name.ShouldBe("outage · payments.primary calls per checkout");
        amplification.Values.ShouldAllBe(v => v != null && v <= 1.5);
        rows.Where(r => r.Section == "invariants").Select(r => r.Name).ShouldBe(["noLostOrders", "noDoubleCharges", "pendingPaymentsCaptured"]);
        rows.Where(r => r.Section == "invariants").SelectMany(r => r.Values).ShouldAllBe(v => v == 1);
    }

    [Fact]
    public void CircuitTimings_Tuned_OpenAfterTheOutageStartsAndClosedAfterItClears()
    {
        var (toOpen, toRecover) = ComparisonReport.CircuitTimings(CannedReports.Tuned, "outage", "payments.primary");
        var (_, relapseRecover) = ComparisonReport.CircuitTimings(CannedReports.Tuned, "relapse", "payments.primary");
        var (brownoutOpen, _) = ComparisonReport.CircuitTimings(CannedReports.Tuned, "brownout", "payments.primary");

        toOpen!.Value.ShouldBe(20.6200835 - 20.0055124, 1e-6);
        toRecover!.Value.ShouldBe(36.042707 - 35.0007222, 1e-6);
        relapseRecover!.Value.ShouldBe(52.6971543 - 49.997246, 1e-6);
        brownoutOpen.ShouldBeNull();
        Compare().Rows.Single(r => r.Name == "brownout · payments.primary time to open").Display.ShouldBe(["never opened", "never opened"]);
    }

    [Fact]
    public void Build_RunWithoutReport_IsAHarnessErrorAndExitsThree()
    {
        var comparison = ComparisonReport.Build([new ConfigRun("tuned", ["tuned.json"], "/tmp/tuned", CannedReports.Tuned), new ConfigRun("broken", ["broken.json"], "/tmp/broken", null)]);

        comparison.Configs[1].Verdict.ShouldBe(Verdict.Error);
        comparison.Configs[1].Reasons.Single().ShouldContain("no report.json");
        comparison.Rows.Single(r => r.Name == "outage · checkout" && r.Section == "success by phase").Display[1].ShouldBe("no report");
        comparison.ExitCode.ShouldBe(3);
    }

    [Fact]
    public void Build_AllPassing_ExitsZero()
    {
        ComparisonReport.Build([new ConfigRun("a", [], "/tmp/a", CannedReports.Tuned), new ConfigRun("b", [], "/tmp/b", CannedReports.Tuned)]).ExitCode.ShouldBe(0);
    }

    [Fact]
    public void ComparisonWriter_Comparison_MarkdownMarksFailuresAndHtmlIsWellFormed()
    {
        var comparison = Compare();

        var markdown = ComparisonWriter.ToMarkdown(comparison);
        markdown.ShouldContain("| outage · checkout | 100.0% of 143 | ❌ 30.8% of 143 |");
        markdown.ShouldContain("- ❌ **failover-off**: FAIL (beyond contract)");
        var html = XDocument.Parse(ComparisonWriter.ToHtml(comparison));
        XNamespace x = "http://www.w3.org/1999/xhtml";
        html.Descendants(x + "table").Single().Element(x + "thead")!.Descendants(x + "th").Select(th => th.Value).ShouldBe(["", "tuned", "failover-off"]);
        html.Descendants(x + "td").Count(td => (string?)td.Attribute("class") == "failed").ShouldBe(4);
    }

    [Fact]
    public void ComparisonWriter_WriteAll_WritesMarkdownHtmlAndJson()
    {
        var directory = Path.Combine(Path.GetTempPath(), "chaos-compare-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = ComparisonWriter.WriteAll(Compare(), directory);

            files.Select(Path.GetFileName).ShouldBe(["compare.md", "compare.html", "compare.json"]);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(files[2]));
            json.RootElement.GetProperty("configs")[1].GetProperty("verdict").GetString().ShouldBe("fail");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static ComparisonReport Compare() => ComparisonReport.Build(
    [
        new ConfigRun("tuned", ["configs/tuned.json"], "/tmp/compare/tuned", CannedReports.Tuned),
        new ConfigRun("failover-off", ["/tmp/failover-off.json"], "/tmp/compare/failover-off", CannedReports.FailoverOff),
    ]);
}
