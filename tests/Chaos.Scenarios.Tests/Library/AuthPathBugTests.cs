using Xunit;

namespace Chaos.Scenarios.Tests.Library;

/// <summary>Shopify, Cyber Monday 2025: the login path fails while keys stay served.</summary>
[CoversScenario("auth-path-bug")]
public sealed class AuthPathBugTests
{
    private const string Scenario = "auth-path-bug";

    [Fact]
    public async Task AuthPathBug_AsShipped_FailsLoginsFastAndKeepsSessionsAndCheckout()
    {
        var run = await ScenarioRun.ExecuteAsync(Repository.Scenario(Scenario));

        run.ShouldPassEverything(Scenario);
    }

    [Fact]
    public async Task AuthPathBug_LoginRetriedFourTimes_FailsNamingRetries()
    {
        var run = await ScenarioRun.ExecuteAsync(
            Repository.Scenario(Scenario),
            ("login-retries.json", """{ "Identity": { "Resilience": { "Retry": { "MaxRetryAttempts": 4 } } } }"""));

        run.ShouldFailNaming(expectation: "login-broken identity retriesPerRequest");
    }
}
