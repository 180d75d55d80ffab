using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests;

/// <summary>
/// A judge that cannot fail is no judge: the same scenario against a storefront with one resilience setting
/// broken must fail, naming what broke.
/// </summary>
[RunsAScenarioTimeline]
public sealed class FailoverDisabledTests
{
    [Fact]
    public async Task PaymentGatewayDown_WithFailoverDisabled_FailsNamingCheckoutDuringOutage()
    {
        var run = await ScenarioRun.ExecuteFailFastAsync(
            Repository.Scenario("payment-gateway-down"),
            ("failover-off.json", """{ "Payments": { "FailoverEnabled": false } }"""));

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Verdict.ShouldBe("fail", run.ToString());
        run.FailedExpectations.ShouldContain("outage checkout successRate", run.ToString());
        run.Output.ShouldContain("outage · checkout · successRate: expected >= 0.95");
    }
}

[RunsAScenarioTimeline]
public sealed class RetriesWithoutIdempotencyKeyTests
{
    [Fact]
    public async Task PaymentGatewayDown_WithRetriesWithoutIdempotencyKey_FailsWithDoubleCharges()
    {
        var run = await ScenarioRun.ExecuteAsync(
            Repository.Scenario("payment-gateway-down"),
            ("naive-retries.json", """{ "Payments": { "UseIdempotencyKeys": false } }"""));

        run.ExitCode.ShouldBe(1, run.ToString());
        run.FailedInvariants.ShouldContain("noDoubleCharges", run.ToString());
        run.Output.ShouldContain("charged more than once");
    }
}
