using Chaos.Engine.Scenarios;
using Chaos.Engine.Tests.Scenarios;
using Chaos.Targets.Storefront;
using Shouldly;
using Xunit;

namespace Chaos.Targets.Storefront.Tests;

public sealed class DrainSettleTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    [Fact]
    public void Observe_BacklogStillForTheSettlePeriodAndJudged_EndsExactlyThen()
    {
        var settle = new DrainSettle(Settle, paymentsJudged: true, shipmentsJudged: true);

        Poll(settle, TimeSpan.Zero, Seconds(9.75), new StorefrontBacklogs(4, 2)).ShouldBeFalse();
        settle.Observe(Seconds(10), new StorefrontBacklogs(4, 2)).ShouldBeTrue();
    }

    [Fact]
    public void Observe_BacklogThatMoves_RestartsTheSettlePeriodAtEachChange()
    {
        var settle = new DrainSettle(Settle, paymentsJudged: true, shipmentsJudged: true);

        settle.Observe(TimeSpan.Zero, new StorefrontBacklogs(10, 0)).ShouldBeFalse();
        settle.Observe(Seconds(9), new StorefrontBacklogs(10, 0)).ShouldBeFalse();

        // A capture moves a payment into the outbox: the totals are unchanged, the backlog is not.
        settle.Observe(Seconds(9.5), new StorefrontBacklogs(9, 1)).ShouldBeFalse();
        settle.Observe(Seconds(19), new StorefrontBacklogs(9, 1)).ShouldBeFalse();
        settle.Observe(Seconds(19.5), new StorefrontBacklogs(9, 1)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(3, 0, false, true)]
    [InlineData(0, 3, true, false)]
    [InlineData(3, 3, true, false)]
    public void Observe_APendingBacklogTheScenarioDoesNotJudge_NeverEndsEarly(int payments, int shipments, bool paymentsJudged, bool shipmentsJudged)
    {
        // Ending early with it pending could report a pass the full drain might have turned into a failure.
        var settle = new DrainSettle(Settle, paymentsJudged, shipmentsJudged);

        Poll(settle, TimeSpan.Zero, Seconds(60), new StorefrontBacklogs(payments, shipments)).ShouldBeFalse();
    }

    [Fact]
    public void Observe_PendingShipmentsOnlyAndOnlyShipmentsJudged_EndsEarly()
    {
        var settle = new DrainSettle(Settle, paymentsJudged: false, shipmentsJudged: true);

        Poll(settle, TimeSpan.Zero, Seconds(10), new StorefrontBacklogs(0, 3)).ShouldBeTrue();
    }

    [Fact]
    public void For_ScenarioWhoseInvariantsJudgePaymentsOnly_EndsEarlyOnStuckPaymentsButNeverOnStuckShipments()
    {
        // The README's example: drainTime-free, invariants [noLostOrders, noDoubleCharges, pendingPaymentsCaptured].
        var scenario = ScenarioLoader.Parse(ScenarioYaml.With("drain: { timeout: 60s }", "drain: { timeout: 60s, settle: 10s }"), ScenarioYaml.Path).Scenario.ShouldNotBeNull();

        Poll(DrainSettle.For(scenario), TimeSpan.Zero, Seconds(10), new StorefrontBacklogs(3, 0)).ShouldBeTrue();
        Poll(DrainSettle.For(scenario), TimeSpan.Zero, Seconds(60), new StorefrontBacklogs(0, 3)).ShouldBeFalse();
    }

    [Fact]
    public void Observe_NoSettlePeriod_NeverEndsEarly()
    {
        var settle = new DrainSettle(null, paymentsJudged: true, shipmentsJudged: true);

        Poll(settle, TimeSpan.Zero, Seconds(600), new StorefrontBacklogs(5, 5)).ShouldBeFalse();
    }

    /// <summary>Polls every 250 ms as the runner's drain does, and returns the last answer.</summary>
    private static bool Poll(DrainSettle settle, TimeSpan from, TimeSpan to, StorefrontBacklogs backlogs)
    {
        var settled = false;
        for (var at = from; at <= to; at += TimeSpan.FromMilliseconds(250))
        {
            settled = settle.Observe(at, backlogs);
        }

        return settled;
    }

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);
}
