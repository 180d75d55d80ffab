using Xunit;

namespace Chaos.Scenarios.Tests.Library;

/// <summary>A credential-stuffing wave during peak traffic: rate limiting must protect the identity provider.</summary>
[CoversScenario("credential-stuffing")]
public sealed class CredentialStuffingTests
{
    private const string Scenario = "credential-stuffing";

    [Fact]
    public async Task CredentialStuffing_AsShipped_KeepsTheWaveOffTheIdentityProvider()
    {
        var run = await ScenarioRun.ExecuteAsync(Repository.Scenario(Scenario));

        run.ShouldPassEverything(Scenario);
    }

    [Fact]
    public async Task CredentialStuffing_WithoutAPerClientLimit_FailsNamingAmplification()
    {
        var run = await ScenarioRun.ExecuteAsync(
            Repository.Scenario(Scenario),
            ("no-client-limit.json", """{ "Identity": { "LoginRateLimit": { "PermitsPerClient": 1000000 } } }"""));

        run.ShouldFailNaming(expectation: "flood credentialStuffing amplification");
    }
}
