using Xunit;

namespace Chaos.Scenarios.Tests.Library;

/// <summary>A primary fulfillment centre closes at peak; the backup site, stocked with the critical inventory only, ships those.</summary>
[CoversScenario("fulfillment-centre-down")]
[RunsAScenarioTimeline]
public sealed class FulfillmentCentreDownTests
{
    private const string Scenario = "fulfillment-centre-down";

    [Fact]
    public async Task FulfillmentCentreDown_AsShipped_ShipsCriticalItemsFromTheBackupAndOversellsNothing()
    {
        var run = await ScenarioRun.ExecuteAsync(Repository.Scenario(Scenario));

        run.ShouldPassEverything(Scenario);
    }
}

/// <summary>
/// fulfillment-centre-down with the backup allowed to oversell must fail, naming noOversell. A class of its own, so that
/// it runs beside the as-shipped run (xunit runs one class's tests one after another).
/// </summary>
[RunsAScenarioTimeline]
public sealed class FulfillmentCentreDownWithABrokenSettingTests
{
    private const string Scenario = "fulfillment-centre-down";

    [Fact]
    public async Task FulfillmentCentreDown_BackupTakingBackorders_FailsNamingNoOversell()
    {
        // The backup takes orders for items it does not stock: every non-critical order placed while the primary is
        // closed (about 85% of them) is reserved there and shipped from an empty shelf.
        var run = await ScenarioRun.ExecuteAsync(
            Repository.Scenario(Scenario),
            ("backup-backorders.json", """{ "Inventory": { "Centres": [ {}, { "AllowBackorders": true } ] } }"""));

        run.ShouldFailNaming(invariant: "noOversell");
    }
}
