using Chaos.Engine.Faults;
using Chaos.Engine.Judging;
using Chaos.Engine.Scenarios;
using Chaos.Targets.Storefront;
using Shouldly;
using Xunit;

namespace Chaos.Targets.Storefront.Tests;

public sealed class ReconcilerTests
{
    private static readonly InvariantKind[] All = [InvariantKind.NoLostOrders, InvariantKind.NoDoubleCharges, InvariantKind.PendingPaymentsCaptured];
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Check_ConsistentLedgers_AllInvariantsHold()
    {
        var results = Reconciler.Check(
            All,
            [Accepted("o1", "paid"), Accepted("o2", "payment_pending")],
            [Stored("o1", "paid"), Stored("o2", "paid"), Stored("o3", "rejected")],
            [Journal("payments.primary", Charge("o1")), Journal("payments.secondary", Charge("o2"))]);

        results.ShouldAllBe(r => r.Passed);
    }

    [Fact]
    public void Check_AcceptedOrderMissingFromStorefront_IsLost()
    {
        var results = Reconciler.Check(All, [Accepted("o1", "paid"), Accepted("o9", "paid")], [Stored("o1", "paid")], [Journal("payments.primary", Charge("o1"))]);

        var lost = results.Single(r => r.Name == "noLostOrders");
        lost.Passed.ShouldBeFalse();
        lost.Examples.ShouldContain(e => e.Contains("o9") && e.Contains("no such order"));
    }

    [Fact]
    public void Check_AcceptedOrderLaterRejected_IsLost()
    {
        var results = Reconciler.Check([InvariantKind.NoLostOrders], [Accepted("o1", "payment_pending")], [Stored("o1", "rejected")], []);

        results.Single().Passed.ShouldBeFalse();
    }

    [Fact]
    public void Check_ChargeForRejectedOrder_BreaksNoLostOrders()
    {
        var results = Reconciler.Check([InvariantKind.NoLostOrders], [], [Stored("o1", "rejected")], [Journal("payments.primary", Charge("o1"))]);

        results.Single().Examples.ShouldContain(e => e.Contains("rejected"));
    }

    [Fact]
    public void Check_SameOrderChargedOnBothGateways_IsDoubleCharge()
    {
        var results = Reconciler.Check(
            [InvariantKind.NoDoubleCharges],
            [Accepted("o1", "paid")],
            [Stored("o1", "paid")],
            [Journal("payments.primary", Charge("o1", "ch_1")), Journal("payments.secondary", Charge("o1", "ch_2"))]);

        var doubled = results.Single();
        doubled.Passed.ShouldBeFalse();
        doubled.Message.ShouldContain("1 orders charged more than once");
        doubled.Examples.Single().ShouldContain("ch_1 on payments.primary");
    }

    [Fact]
    public void Check_PendingAfterDrain_IsNotCaptured()
    {
        var results = Reconciler.Check([InvariantKind.PendingPaymentsCaptured], [Accepted("o1", "payment_pending")], [Stored("o1", "payment_pending")], []);

        results.Single().Passed.ShouldBeFalse();
        results.Single().Examples.Single().ShouldContain("still payment_pending");
    }

    [Fact]
    public void Check_PaidWithoutCharge_IsNotCaptured()
    {
        var results = Reconciler.Check([InvariantKind.PendingPaymentsCaptured], [Accepted("o1", "paid")], [Stored("o1", "paid")], [Journal("payments.primary")]);

        results.Single().Examples.Single().ShouldContain("no gateway has a charge");
    }

    private static AcceptedOrder Accepted(string id, string status) => new(id, status, 1000, TimeSpan.FromSeconds(1));

    private static StorefrontOrder Stored(string id, string status) => new(id, status, 1000, "primary", null, At, null);

    private static ChargeRecord Charge(string orderId, string? chargeId = null) => new(chargeId ?? "ch_" + orderId, orderId, "order-" + orderId, 1000, At);

    private static DependencyJournal Journal(string dependency, params ChargeRecord[] charges) => new(dependency, [], charges);
}
