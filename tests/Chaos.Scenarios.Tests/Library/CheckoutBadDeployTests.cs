using Xunit;

namespace Chaos.Scenarios.Tests.Library;

/// <summary>Amazon: checkout lands on error pages after a bad deploy of a checkout dependency, under the opening spike.</summary>
[CoversScenario("checkout-bad-deploy")]
[RunsAScenarioTimeline]
public sealed class CheckoutBadDeployTests
{
    private const string Scenario = "checkout-bad-deploy";

    [Fact]
    public async Task CheckoutBadDeploy_AsShipped_AnswersAFriendly503AndRecoversAtTheRollback()
    {
        var run = await ScenarioRun.ExecuteAsync(Repository.Scenario(Scenario));

        run.ShouldPassEverything(Scenario);
    }
}

/// <summary>
/// checkout-bad-deploy with one resilience setting broken must fail, naming what broke. A class of its own, so
/// that it runs beside the as-shipped run (xunit runs one class's tests one after another).
/// </summary>
[RunsAScenarioTimeline]
public sealed class CheckoutBadDeployWithABrokenSettingTests
{
    private const string Scenario = "checkout-bad-deploy";

    [Fact]
    public async Task CheckoutBadDeploy_WithoutATaxBreaker_FailsNamingAmplification()
    {
        // A breaker that can never open: every checkout keeps calling (and retrying) the broken tax service. Not with
        // --fail-fast: the breaker's own timeToCircuitOpen fails first, at 25 s, and this run is about the amplification.
        var run = await ScenarioRun.ExecuteAsync(
            Repository.Scenario(Scenario),
            ("no-breaker.json", """{ "Tax": { "Resilience": { "CircuitBreaker": { "MinimumThroughput": 1000000 } } } }"""));

        run.ShouldFailNaming(expectation: "fault checkout amplification");
    }
}
