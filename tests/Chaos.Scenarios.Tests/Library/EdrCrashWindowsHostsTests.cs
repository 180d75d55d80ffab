using Xunit;

namespace Chaos.Scenarios.Tests.Library;

/// <summary>CrowdStrike, 19 July 2024: the Windows fulfillment hosts crash, boot-loop and come back host by host.</summary>
[CoversScenario("edr-crash-windows-hosts")]
[RunsAScenarioTimeline]
public sealed class EdrCrashWindowsHostsTests
{
    private const string Scenario = "edr-crash-windows-hosts";

    [Fact]
    public async Task EdrCrash_AsShipped_KeepsTakingOrdersAndShipsEachOnce()
    {
        var run = await ScenarioRun.ExecuteAsync(Repository.Scenario(Scenario));

        run.ShouldPassEverything(Scenario);
    }
}

/// <summary>
/// edr-crash-windows-hosts with one resilience setting broken must fail, naming what broke. A class of its own, so
/// that it runs beside the as-shipped run (xunit runs one class's tests one after another).
/// </summary>
[RunsAScenarioTimeline]
public sealed class EdrCrashWindowsHostsWithABrokenSettingTests
{
    private const string Scenario = "edr-crash-windows-hosts";

    [Fact]
    public async Task EdrCrash_EjectionLongerThanTheRemediation_FailsNamingUnshippedOrders()
    {
        // A crashed host that is back is not tried again for ten minutes: shipments only it can settle wait.
        var run = await ScenarioRun.ExecuteAsync(
            Repository.Scenario(Scenario),
            ("long-ejection.json", """{ "Fulfillment": { "EjectionDuration": "00:10:00" } }"""));

        run.ShouldFailNaming(invariant: "everyPaidOrderShipped");
    }
}
