using Xunit;

namespace Chaos.Scenarios.Tests.Library;

/// <summary>
/// A continuity-plan rehearsal: the storefront itself is killed mid-peak while a slow host holds a shipment and
/// payments are pending, and restarted on the same database. The storefront runs as a child process (a crash needs
/// one), restarted cold under load, so the class runs alone, like the multi-process runs; its two runs run at once
/// (<see cref="StorefrontCrashRuns"/>), one child storefront per core.
/// </summary>
[CoversScenario("storefront-crash-mid-dispatch")]
[Collection(nameof(Remote.MultiProcessRuns))]
public sealed class StorefrontCrashMidDispatchTests(StorefrontCrashMidDispatchTests.StorefrontCrashRuns runs) : IClassFixture<StorefrontCrashMidDispatchTests.StorefrontCrashRuns>
{
    private const string Scenario = "storefront-crash-mid-dispatch";

    [Fact]
    public async Task StorefrontCrash_AsShipped_FailsOnlyWhileDeadAndShipsEveryOrderOnceAsPaid()
    {
        var run = await runs.AsShipped;

        run.ShouldPassEverything(Scenario);
    }

    [Fact]
    public async Task StorefrontCrash_HostPinnedOnlyAfterAnUnknownOutcome_FailsNamingDuplicateShipments()
    {
        var run = await runs.PinnedAfterSend;

        run.ShouldFailNaming(invariant: "noDuplicateShipments");
    }

    /// <summary>
    /// Starts both runs of the class together: xunit runs one class's tests one after another, and the class runs alone,
    /// so two runs one after another would be 40 s of an idle machine. Each test awaits its own run.
    /// </summary>
    public sealed class StorefrontCrashRuns : IAsyncLifetime
    {
        /// <summary>The scenario as shipped.</summary>
        internal Task<ScenarioRun> AsShipped { get; private set; } = null!;

        /// <summary>
        /// The shipment the slow host was creating at the kill is not pinned, so the restarted storefront ships it again
        /// elsewhere.
        /// </summary>
        internal Task<ScenarioRun> PinnedAfterSend { get; private set; } = null!;

        public ValueTask InitializeAsync()
        {
            AsShipped = ScenarioRun.ExecuteAsync(Repository.Scenario(Scenario));
            PinnedAfterSend = ScenarioRun.ExecuteAsync(
                Repository.Scenario(Scenario),
                ("pin-after-send.json", """{ "Fulfillment": { "PinHostBeforeSend": false } }"""));
            return ValueTask.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            // Both runs end (and stop their child storefronts) before the next class of the collection starts.
            await Task.WhenAll(AsShipped, PinnedAfterSend).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
