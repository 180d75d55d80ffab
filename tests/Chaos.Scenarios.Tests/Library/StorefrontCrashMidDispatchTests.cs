using Xunit;

namespace Chaos.Scenarios.Tests.Library;

/// <summary>
/// A continuity-plan rehearsal: the storefront itself is killed mid-peak while a slow host holds a shipment and
/// payments are pending, and restarted on the same database. The storefront runs as a child process (a crash needs
/// one), so the class runs alone, like the multi-process runs.
/// </summary>
[CoversScenario("storefront-crash-mid-dispatch")]
[Collection(nameof(Remote.MultiProcessRuns))]
public sealed class StorefrontCrashMidDispatchTests
{
    private const string Scenario = "storefront-crash-mid-dispatch";

    [Fact]
    public async Task StorefrontCrash_AsShipped_FailsOnlyWhileDeadAndShipsEveryOrderOnceAsPaid()
    {
        var run = await ScenarioRun.ExecuteAsync(Repository.Scenario(Scenario));

        run.ShouldPassEverything(Scenario);
    }

    [Fact]
    public async Task StorefrontCrash_HostPinnedOnlyAfterAnUnknownOutcome_FailsNamingDuplicateShipments()
    {
        // The shipment the slow host was creating at the kill is not pinned, so the restarted storefront ships it again elsewhere.
        var run = await ScenarioRun.ExecuteAsync(
            Repository.Scenario(Scenario),
            ("pin-after-send.json", """{ "Fulfillment": { "PinHostBeforeSend": false } }"""));

        run.ShouldFailNaming(invariant: "noDuplicateShipments");
    }
}
