using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests.Library;

/// <summary>Shopify, Cyber Monday 2025: the login path fails while keys stay served.</summary>
[CoversScenario("auth-path-bug")]
[RunsAScenarioTimeline]
public sealed class AuthPathBugTests
{
    private const string Scenario = "auth-path-bug";

    [Fact]
    public async Task AuthPathBug_AsShipped_FailsLoginsFastAndKeepsSessionsAndCheckout()
    {
        var run = await ScenarioRun.ExecuteAsync(Repository.Scenario(Scenario));

        run.ShouldPassEverything(Scenario);
    }
}

/// <summary>
/// auth-path-bug with one resilience setting broken must fail, naming what broke. A class of its own, so
/// that it runs beside the as-shipped run (xunit runs one class's tests one after another).
/// </summary>
[RunsAScenarioTimeline]
public sealed class AuthPathBugWithABrokenSettingTests
{
    private const string Scenario = "auth-path-bug";

    [Fact]
    public async Task AuthPathBug_WithoutALoginBreaker_FailsNamingTheCircuit()
    {
        // A breaker that can never open: every login waits out its timeout against a struggling provider.
        var run = await ScenarioRun.ExecuteFailFastAsync(
            Repository.Scenario(Scenario),
            ("no-login-breaker.json", """{ "Identity": { "Resilience": { "CircuitBreaker": { "MinimumThroughput": 1000000 } } } }"""));

        run.ShouldFailNaming(expectation: "login-slow identity timeToCircuitOpen");
        run.StoppedEarlyAt.ShouldNotBeNull(run.ToString()).ShouldBeInRange(16, 30, "judged once the breaker had its 5 s to open, not at the end of the 60 s load");
    }
}
