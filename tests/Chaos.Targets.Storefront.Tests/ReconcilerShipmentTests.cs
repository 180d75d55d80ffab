using Chaos.Engine.Faults;
using Chaos.Engine.Judging;
using Chaos.Engine.Scenarios;
using Chaos.Targets.Storefront;
using Shouldly;
using Xunit;

namespace Chaos.Targets.Storefront.Tests;

public sealed class ReconcilerShipmentTests
{
    private static readonly InvariantKind[] Shipping = [InvariantKind.NoDuplicateShipments, InvariantKind.EveryPaidOrderShipped];
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Check_EveryPaidOrderShippedOnceAcrossHosts_BothHold()
    {
        var results = Reconciler.Check(
            Shipping,
            [],
            [Stored("o1", "paid"), Stored("o2", "paid"), Stored("o3", "rejected")],
            [Host("fc-win-1", Shipment("o1", "fc-win-1")), Host("fc-linux-1", Shipment("o2", "fc-linux-1")), Gateway()]);

        results.Select(r => r.Name).ShouldBe(["noDuplicateShipments", "everyPaidOrderShipped"]);
        results.ShouldAllBe(r => r.Passed);
        results[0].Message.ShouldBe("2 shipments, at most one per order");
        results[1].Message.ShouldBe("all 2 paid orders shipped, each exactly once");
    }

    [Fact]
    public void Check_SameOrderShippedOnTwoHosts_IsDuplicateNamingBothHosts()
    {
        var results = Reconciler.Check(
            Shipping,
            [],
            [Stored("o1", "paid")],
            [Host("fc-win-1", Shipment("o1", "fc-win-1", "sh_a")), Host("fc-linux-1", Shipment("o1", "fc-linux-1", "sh_b"))]);

        var duplicate = results.Single(r => r.Name == "noDuplicateShipments");
        duplicate.Passed.ShouldBeFalse();
        duplicate.Message.ShouldBe("1 orders shipped more than once (1 extra shipments)");
        duplicate.Examples.ShouldHaveSingleItem().ShouldContain("order o1 shipped 2 times: sh_a on fc-win-1");
        duplicate.Examples[0].ShouldContain("sh_b on fc-linux-1");
        duplicate.Examples[0].ShouldContain("key ship-o1");

        var shipped = results.Single(r => r.Name == "everyPaidOrderShipped");
        shipped.Passed.ShouldBeFalse();
        shipped.Message.ShouldBe("1 paid orders shipped more than once");
    }

    [Fact]
    public void Check_SameShipmentReadThroughTwoJournals_IsNotADuplicate()
    {
        var record = Shipment("o1", "fc-win-1");

        var results = Reconciler.Check(Shipping, [], [Stored("o1", "paid")], [Host("fulfillment", record), Host("fc-win-1", record)]);

        results.ShouldAllBe(r => r.Passed);
    }

    [Fact]
    public void Check_PaidOrderWithoutShipment_IsNotShippedAfterTheDrain()
    {
        var results = Reconciler.Check(
            [InvariantKind.EveryPaidOrderShipped],
            [],
            [Stored("o1", "paid"), Stored("o2", "paid"), Stored("o3", "payment_pending")],
            [Host("fc-linux-1", Shipment("o1", "fc-linux-1"))]);

        var result = results.Single();
        result.Passed.ShouldBeFalse();
        result.Message.ShouldBe("1 of 2 paid orders not shipped after the drain");
        result.Examples.ShouldBe(["order o2 is paid but no fulfillment host has a shipment for it after the drain"]);
    }

    [Fact]
    public void Check_ShipmentForUnpaidOrMissingOrder_BreaksEveryPaidOrderShipped()
    {
        var results = Reconciler.Check(
            [InvariantKind.EveryPaidOrderShipped],
            [],
            [Stored("o1", "payment_pending")],
            [Host("fc-win-2", Shipment("o1", "fc-win-2"), Shipment("o9", "fc-win-2"))]);

        var result = results.Single();
        result.Passed.ShouldBeFalse();
        result.Message.ShouldBe("2 orders shipped without being paid");
        result.Examples.ShouldContain(e => e.Contains("order o1") && e.Contains("is payment_pending"));
        result.Examples.ShouldContain(e => e.Contains("order o9") && e.Contains("does not exist in the storefront"));
    }

    [Fact]
    public void Check_ManyDuplicates_KeepsFiveExamples()
    {
        var orders = Enumerable.Range(1, 8).Select(i => Stored("o" + i, "paid")).ToArray();
        var shipments = orders.SelectMany(o => new[] { Shipment(o.OrderId, "fc-win-1", "a" + o.OrderId), Shipment(o.OrderId, "fc-linux-2", "b" + o.OrderId) }).ToArray();

        var result = Reconciler.Check([InvariantKind.NoDuplicateShipments], [], orders, [Host("pool", shipments)]).Single();

        result.Passed.ShouldBeFalse();
        result.Message.ShouldBe("8 orders shipped more than once (8 extra shipments)");
        result.Examples.Count.ShouldBe(5);
    }

    [Fact]
    public void Vocabulary_NamesTheShipmentInvariants()
    {
        ScenarioVocabulary.NameOf(InvariantKind.NoDuplicateShipments).ShouldBe("noDuplicateShipments");
        ScenarioVocabulary.NameOf(InvariantKind.EveryPaidOrderShipped).ShouldBe("everyPaidOrderShipped");
        MetricNames.Of(InvariantKind.NoDuplicateShipments).ShouldBe("noDuplicateShipments");
        MetricNames.Of(InvariantKind.EveryPaidOrderShipped).ShouldBe("everyPaidOrderShipped");
    }

    private static StorefrontOrder Stored(string id, string status) => new(id, status, 1000, "primary", "ch_" + id, At, status == "paid" ? At : null);

    private static ShipmentRecord Shipment(string orderId, string host, string? shipmentId = null) =>
        new(shipmentId ?? "sh_" + orderId, orderId, "ship-" + orderId, host, At);

    private static DependencyJournal Host(string host, params ShipmentRecord[] shipments) =>
        new("fulfillment." + host, [], []) { Shipments = shipments };

    private static DependencyJournal Gateway() => new("payments.primary", [], []);
}
