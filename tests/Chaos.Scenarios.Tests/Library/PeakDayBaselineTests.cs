using Xunit;

namespace Chaos.Scenarios.Tests.Library;

/// <summary>The control run: no fault, a Cyber Monday shape, every journey.</summary>
[CoversScenario("peak-day-baseline")]
[RunsAScenarioTimeline]
public sealed class PeakDayBaselineTests
{
    private const string Scenario = "peak-day-baseline";

    [Fact]
    public async Task PeakDayBaseline_AsShipped_PassesWithEveryExpectationMeasured()
    {
        var run = await ScenarioRun.ExecuteAsync(Repository.Scenario(Scenario));

        run.ShouldPassEverything(Scenario);
    }
}

/// <summary>
/// peak-day-baseline with one resilience setting broken must fail, naming what broke. A class of its own, so
/// that it runs beside the as-shipped run (xunit runs one class's tests one after another).
/// </summary>
[RunsAScenarioTimeline]
public sealed class PeakDayBaselineWithABrokenSettingTests
{
    private const string Scenario = "peak-day-baseline";

    [Fact]
    public async Task PeakDayBaseline_PaymentAttemptTimeoutBelowTheGatewaysLatency_FailsNamingFallbacksAndCaptures()
    {
        // A timeout tuned on a quiet day: below the primary's normal answer time (20 ms), every charge times out, so
        // a good day runs on the secondary gateway and on orders pinned to a primary that never answers in time.
        // Those pending payments never move again: a 10 s settle (above the 1 s capture interval plus the primary's
        // 3 s break, the longest wait between two capture attempts) ends the drain on them instead of the shipped 35 s,
        // which also waits out a fulfillment host's 30 s ejection that this test does not judge.
        var run = await ScenarioRun.ExecuteAsync(
            ScenarioWithSettle.Write(Scenario, settle: "10s"),
            ("tight-timeout.json", """{ "Payments": { "Primary": { "Resilience": { "AttemptTimeout": "00:00:00.010" } } } }"""));

        run.ShouldFailNaming(expectation: "run all fallbacks", invariant: "pendingPaymentsCaptured");
    }
}
