using System.Xml.Linq;
using Chaos.Engine.Judging;
using Chaos.Engine.Reports;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Reports;

public sealed class ResilienceMatrixTests
{
    [Fact]
    public void Build_TwoConfigs_OneRowPerJourneyWithExpectedAndObserved()
    {
        var matrix = Matrix();

        matrix.Configs.ShouldBe(["tuned", "failover-off"]);
        matrix.Rows.Select(r => $"{r.Scenario} {r.Journey} {r.Expected}").ShouldBe(
        [
            "payment-gateway-down browse ok",
            "payment-gateway-down addToCart not stated",
            "payment-gateway-down checkout ok",
        ]);
        var checkout = matrix.Rows.Single(r => r.Journey == "checkout");
        checkout.Cells.Select(c => (c.Observed, c.Met)).ShouldBe([("ok", (bool?)true), ("degraded", (bool?)false)]);
        checkout.Cells[1].WorstPhase.ShouldBe("outage");
        checkout.Cells[1].SuccessRate!.Value.ShouldBe(44.0 / 143, 1e-9);
        checkout.Cells[1].AvailableRate.ShouldBe(1.0);
        matrix.Rows.Single(r => r.Journey == "addToCart").Cells.ShouldAllBe(c => c.Observed == "ok" && c.Met == null);
        matrix.ExitCode.ShouldBe(1);
        matrix.Runs.Select(r => (r.Config, r.Verdict)).ShouldBe([("tuned", Verdict.Pass), ("failover-off", Verdict.Fail)]);
    }

    [Theory]
    [InlineData(100, 96, 0, "ok")]
    [InlineData(100, 60, 0, "degraded")]
    [InlineData(100, 10, 86, "degraded")]
    [InlineData(100, 40, 10, "down")]
    [InlineData(0, 0, 0, "not measured")]
    public void Classify_Figures_OkDegradedOrDown(long count, long succeeded, long degraded, string expected)
    {
        var journey = new JourneyReport("checkout", count, succeeded, degraded, new Dictionary<string, long>(), null, 0, 0, 0, 0);

        ResilienceMatrix.Classify(journey).ShouldBe(expected);
    }

    [Theory]
    [InlineData("degraded", 0.0, "degraded")]
    [InlineData("degraded", 0.05, "degraded")]
    [InlineData("degraded", 0.2, "not stated")]
    [InlineData("degraded,timeout", 0.0, "not stated")]
    [InlineData("degraded,401", 0.0, "not stated")]
    public void Expected_UnexpectedFailures_PromisesDegradedOnlyWhenNothingButHonestRefusalsMayFail(string kinds, double atMost, string expected)
    {
        var report = CannedReports.Tuned with
        {
            Expectations = [Unexpected("outage", atMost, kinds.Split(','))],
        };

        ResilienceMatrix.Expected(report, "checkout").ShouldBe(expected);
    }

    [Fact]
    public void Expected_SeveralPromises_StrongestWithinAPhaseWeakestAcrossPhases()
    {
        var okInOutage = new ExpectationResult("outage", "checkout", null, "successRate", 0.99, null, 1, true, true, "ok", 10);
        var degradedInOutage = Unexpected("outage", 0, ["degraded"]);
        var degradedInRelapse = Unexpected("relapse", 0, ["degraded"]);

        ResilienceMatrix.Expected(CannedReports.Tuned with { Expectations = [degradedInOutage, okInOutage] }, "checkout").ShouldBe("ok");
        ResilienceMatrix.Expected(CannedReports.Tuned with { Expectations = [okInOutage, degradedInRelapse] }, "checkout").ShouldBe("degraded");
        ResilienceMatrix.Expected(CannedReports.Tuned with { Expectations = [okInOutage, Unexpected("baseline", 0, ["degraded"])] }, "checkout").ShouldBe("ok");
    }

    [Fact]
    public void Build_MissingReport_CellNotMeasuredAndExitThree()
    {
        var matrix = ResilienceMatrix.Build(
        [
            ("scenarios/payment-gateway-down.yaml", "tuned", "/tmp/m/tuned", CannedReports.Tuned),
            ("scenarios/payment-gateway-down.yaml", "broken", "/tmp/m/broken", null),
        ]);

        matrix.Rows.Single(r => r.Journey == "checkout").Cells[1].Observed.ShouldBe("not measured");
        matrix.ExitCode.ShouldBe(3);
    }

    [Fact]
    public void ComparisonWriter_Matrix_MarkdownAndWellFormedHtml()
    {
        var matrix = Matrix();

        var markdown = ComparisonWriter.ToMarkdown(matrix);
        markdown.ShouldContain("| payment-gateway-down | checkout | ok | ok (100% in brownout) | ❌ degraded (30.8% in outage) |");
        var html = XDocument.Parse(ComparisonWriter.ToHtml(matrix));
        XNamespace x = "http://www.w3.org/1999/xhtml";
        html.Descendants(x + "td").Where(td => ((string?)td.Attribute("class"))?.Contains("missed", StringComparison.Ordinal) == true).ShouldHaveSingleItem();
    }

    private static ExpectationResult Unexpected(string phase, double atMost, string[] kinds) =>
        new(phase, "checkout", null, "unexpectedFailures", null, atMost, 0, true, true, "ok", 20) { ExpectedFailures = kinds };

    private static ResilienceMatrix Matrix() => ResilienceMatrix.Build(
    [
        ("scenarios/payment-gateway-down.yaml", "tuned", "/tmp/m/tuned", CannedReports.Tuned),
        ("scenarios/payment-gateway-down.yaml", "failover-off", "/tmp/m/failover-off", CannedReports.FailoverOff),
    ]);
}
