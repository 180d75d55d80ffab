using Chaos.Cli.Hosting;
using Chaos.Engine.Load;
using Chaos.Targets.Storefront;
using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests.Journeys;

/// <summary>The staff and attacker journeys against the real storefront and its simulators.</summary>
public sealed class StaffJourneysTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StaffJourneys_HealthyStorefront_SignInWorkSessionsAndRecordSales()
    {
        await using var environment = await StartAsync();
        var ledger = new OrderLedger();
        using var journeys = Journeys(environment, ledger);
        await journeys.PrepareAsync([StorefrontJourneys.StaffLogin, StorefrontJourneys.StaffSession], Cancellation);

        var logins = await RunAsync(journeys, StorefrontJourneys.StaffLogin, 8);
        var sessions = await RunAsync(journeys, StorefrontJourneys.StaffSession, 8);

        logins.ShouldAllBe(r => r.Outcome == OutcomeKind.Success);
        sessions.ShouldAllBe(r => r.Outcome == OutcomeKind.Success);
        ledger.Orders.Count.ShouldBe(6, "six of eight sessions are POS sales; the other two list orders as an admin");
    }

    [Fact]
    public async Task StaffSession_AfterTheVirtualUserSignedIn_UsesItsOwnSession()
    {
        await using var environment = await StartAsync();
        var ledger = new OrderLedger();
        using var journeys = Journeys(environment, ledger);
        await journeys.PrepareAsync([StorefrontJourneys.StaffLogin, StorefrontJourneys.StaffSession], Cancellation);
        var terminal = new VirtualUser(1, planSeed: 7);

        // The first login of a run is a POS terminal (every fourth is an admin); its sales carry its own token.
        (await RunAsync(journeys, StorefrontJourneys.StaffLogin, 1, terminal)).ShouldHaveSingleItem().Outcome.ShouldBe(OutcomeKind.Success);
        var sales = await RunAsync(journeys, StorefrontJourneys.StaffSession, 4, terminal);

        sales.ShouldAllBe(r => r.Outcome == OutcomeKind.Success && r.StatusCode == 201);
        ledger.Orders.Count.ShouldBe(4, "a POS session records a sale every time, where pooled sessions would list orders one time in four");
        var tracked = await RunAsync(journeys, StorefrontJourneys.TrackOrder, 1, terminal);
        tracked.ShouldHaveSingleItem().Outcome.ShouldBe(OutcomeKind.Success);
    }

    [Fact]
    public async Task AdminProbe_EveryForgedCredential_IsRefusedAndRecorded()
    {
        await using var environment = await StartAsync();
        using var journeys = Journeys(environment, new OrderLedger());
        await journeys.PrepareAsync([StorefrontJourneys.AdminProbe], Cancellation);

        var probes = await RunAsync(journeys, StorefrontJourneys.AdminProbe, 2 * ForgedTokens.Kinds.Count);

        probes.ShouldAllBe(r => r.Outcome == OutcomeKind.Success && (r.StatusCode == 401 || r.StatusCode == 403));
        journeys.Access.Probes.ShouldBe(2 * ForgedTokens.Kinds.Count);
        journeys.Access.Violations.ShouldBeEmpty();
    }

    [Fact]
    public async Task CredentialStuffing_WrongPasswords_NeverSignIn_ARefusalIsTheDefenceWorking()
    {
        await using var environment = await StartAsync();
        using var journeys = Journeys(environment, new OrderLedger());
        await journeys.PrepareAsync([StorefrontJourneys.CredentialStuffing], Cancellation);

        var attempts = await RunAsync(journeys, StorefrontJourneys.CredentialStuffing, 12);

        attempts.ShouldAllBe(r => (r.StatusCode == 401 && r.Outcome == OutcomeKind.Success) || (r.StatusCode == 429 && r.Outcome == OutcomeKind.Degraded));
        attempts.ShouldContain(r => r.StatusCode == 401);
    }

    [Fact]
    public async Task TrackOrder_AfterACheckout_ReadsTheOrder()
    {
        await using var environment = await StartAsync();
        var ledger = new OrderLedger();
        using var journeys = Journeys(environment, ledger);
        await journeys.PrepareAsync([StorefrontJourneys.Checkout, StorefrontJourneys.TrackOrder], Cancellation);

        (await RunAsync(journeys, StorefrontJourneys.Checkout, 1)).ShouldHaveSingleItem().Outcome.ShouldBe(OutcomeKind.Success);
        var tracked = await RunAsync(journeys, StorefrontJourneys.TrackOrder, 3);

        tracked.ShouldAllBe(r => r.Outcome == OutcomeKind.Success && r.StatusCode == 200);
    }

    [Fact]
    public async Task CartTamper_AfterACheckout_TheChangeToTheCheckedOutCartIsRefusedAndRecorded()
    {
        await using var environment = await StartAsync();
        var ledger = new OrderLedger();
        using var journeys = Journeys(environment, ledger);
        await journeys.PrepareAsync([StorefrontJourneys.CartTamper], Cancellation);

        var tampers = await RunAsync(journeys, StorefrontJourneys.CartTamper, 3);

        tampers.ShouldAllBe(r => r.Outcome == OutcomeKind.Success && r.StatusCode == 409);
        ledger.Orders.Count.ShouldBe(3, "each tamper checks a cart out first");
        journeys.Tamper.Attempts.ShouldBe(3);
        journeys.Tamper.BreachCount.ShouldBe(0);
    }

    private static Task<LocalEnvironment> StartAsync() =>
        LocalEnvironment.StartAsync(seed: 7, Path.Combine(Path.GetTempPath(), "chaos-staff-" + Guid.NewGuid().ToString("N")[..8]), [], Cancellation);

    private static StorefrontJourneys Journeys(LocalEnvironment environment, OrderLedger ledger) =>
        new(environment.Target.Storefront, ledger, TimeSpan.FromSeconds(10), maxConnections: 8, seed: 7, TimeProvider.System);

    private static async Task<List<JourneyResult>> RunAsync(StorefrontJourneys journeys, string journey, int times, VirtualUser? user = null)
    {
        var results = new List<JourneyResult>();
        for (var i = 0; i < times; i++)
        {
            results.Add(await journeys.RunAsync(journey, user ?? new VirtualUser(i, planSeed: 7), Cancellation));
        }

        return results;
    }
}
