using Xunit;

namespace Chaos.Scenarios.Tests.Library;

/// <summary>The control run: no fault, a Cyber Monday shape, every journey.</summary>
[CoversScenario("peak-day-baseline")]
public sealed class PeakDayBaselineTests
{
    private const string Scenario = "peak-day-baseline";

    [Fact]
    public async Task PeakDayBaseline_AsShipped_PassesWithEveryExpectationMeasured()
    {
        var run = await ScenarioRun.ExecuteAsync(Repository.Scenario(Scenario));

        run.ShouldPassEverything(Scenario);
    }

    [Fact]
    public async Task PeakDayBaseline_PaymentAttemptTimeoutBelowTheGatewaysLatency_FailsNamingRetries()
    {
        // A timeout tuned on a quiet day: below the gateways' normal answer time, every charge times out.
        var run = await ScenarioRun.ExecuteAsync(
            Repository.Scenario(Scenario),
            ("tight-timeout.json", """{ "Payments": { "Primary": { "Resilience": { "AttemptTimeout": "00:00:00.010" } } } }"""));

        run.ShouldFailNaming(expectation: "run payments.primary retriesPerRequest");
    }
}
