using Xunit;

namespace Chaos.Scenarios.Tests.Library;

/// <summary>A credential-stuffing wave during peak traffic: rate limiting must protect the identity provider.</summary>
[CoversScenario("credential-stuffing")]
[RunsAScenarioTimeline]
public sealed class CredentialStuffingTests
{
    private const string Scenario = "credential-stuffing";

    [Fact]
    public async Task CredentialStuffing_AsShipped_KeepsTheWaveOffTheIdentityProvider()
    {
        var run = await ScenarioRun.ExecuteAsync(Repository.Scenario(Scenario));

        run.ShouldPassEverything(Scenario);
    }
}

/// <summary>
/// credential-stuffing with one resilience setting broken must fail, naming what broke. A class of its own, so
/// that it runs beside the as-shipped run (xunit runs one class's tests one after another).
/// </summary>
[RunsAScenarioTimeline]
public sealed class CredentialStuffingWithABrokenSettingTests
{
    private const string Scenario = "credential-stuffing";

    [Fact]
    public async Task CredentialStuffing_WithoutAPerClientLimit_FailsNamingAmplification()
    {
        var run = await ScenarioRun.ExecuteFailFastAsync(
            Repository.Scenario(Scenario),
            ("no-client-limit.json", """{ "Identity": { "LoginRateLimit": { "PermitsPerClient": 1000000 } } }"""));

        run.ShouldFailNaming(expectation: "flood credentialStuffing amplification");
    }
}
