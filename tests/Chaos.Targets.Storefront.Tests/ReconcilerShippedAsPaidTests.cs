using Chaos.Engine.Faults;
using Chaos.Engine.Judging;
using Chaos.Engine.Scenarios;
using Chaos.Targets.Storefront;
using Shouldly;
using Xunit;

namespace Chaos.Targets.Storefront.Tests;

public sealed class ReconcilerShippedAsPaidTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Check_ShipmentsAndChargesMatchTheirOrders_Holds()
    {
        var result = ShippedAsPaid(
            [Order("o1", Line("sku-001", 2, 1000), Line("sku-004", 1, 500)), Order("o2", Line("sku-002", 1, 700))],
            Host("fc-win-1", Shipment("o1", Line("sku-004", 1, 500), Line("sku-001", 2, 1000)), Shipment("o2", Line("sku-002", 1, 700))),
            Gateway(Charge("o1", 2500), Charge("o2", 700)));

        result.Passed.ShouldBeTrue();
        result.Name.ShouldBe("shippedAsPaid");
        result.Message.ShouldBe("2 shipments carry their order's lines, 2 orders' subtotals are the sum of their lines, 2 charges are for the order's amount");
    }

    [Fact]
    public void Check_ShipmentWithAnExtraLine_FailsNamingExpectedAndReceivedLines()
    {
        var result = ShippedAsPaid(
            [Order("o1", Line("sku-001", 1, 1000))],
            Host("fc-win-1", Shipment("o1", Line("sku-001", 1, 1000), Line("sku-009", 3, 250))),
            Gateway(Charge("o1", 1000)));

        result.Passed.ShouldBeFalse();
        result.Message.ShouldBe("1 orders not shipped or charged as ordered; first: order o1: fc-win-1 (sh_o1) shipped [sku-001 x1 @ 1000, sku-009 x3 @ 250], expected [sku-001 x1 @ 1000]");
        result.Examples.ShouldHaveSingleItem();
    }

    [Fact]
    public void Check_SubtotalThatIsNotTheSumOfTheLines_Fails()
    {
        var order = Order("o1", Line("sku-001", 2, 1000)) with { Subtotal = 1000 };

        var result = ShippedAsPaid([order], Host("fc-win-1"), Gateway());

        result.Passed.ShouldBeFalse();
        result.Examples.ShouldBe(["order o1 has subtotal 1000 but its lines [sku-001 x2 @ 1000] sum to 2000"]);
    }

    [Fact]
    public void Check_ChargeForAnotherAmount_FailsNamingTheGateway()
    {
        var result = ShippedAsPaid(
            [Order("o1", Line("sku-001", 1, 1000))],
            Host("fc-win-1", Shipment("o1", Line("sku-001", 1, 1000))),
            Gateway(Charge("o1", 1500)));

        result.Passed.ShouldBeFalse();
        result.Examples.ShouldBe(["order o1: payments.primary charged 1500 (ch_o1), expected the order's amount 1000"]);
    }

    [Fact]
    public void Check_ManyOffendingOrders_ListsTheFirstFive()
    {
        var orders = Enumerable.Range(1, 8).Select(i => Order($"o{i}", Line("sku-001", 1, 1000))).ToArray();
        var shipments = orders.Select(o => Shipment(o.OrderId, Line("sku-001", 2, 1000))).ToArray();

        var result = ShippedAsPaid(orders, Host("fc-win-1", shipments), Gateway());

        result.Passed.ShouldBeFalse();
        result.Message.ShouldStartWith("8 orders not shipped or charged as ordered; first: order o1:");
        result.Examples.Count.ShouldBe(5);
    }

    [Fact]
    public void Check_StorefrontThatReportsNoLines_IsNotMeasured()
    {
        var result = ShippedAsPaid([Order("o1") with { Lines = null, Subtotal = null }], Host("fc-win-1"), Gateway());

        result.Measured.ShouldBeFalse();
        result.Message.ShouldContain("reports no order lines");
    }

    [Fact]
    public void Check_NoPaidCartChanged_HoldsWhenEveryChangeWasRefusedAndFailsNamingABreach()
    {
        var refused = new CartTamperLedger();
        refused.Record("c1", "o1", "paid", 409, TimeSpan.FromSeconds(1));
        var breached = new CartTamperLedger();
        breached.Record("c1", "o1", "paid", 409, TimeSpan.FromSeconds(1));
        breached.Record("c2", "o2", "payment_pending", 200, TimeSpan.FromSeconds(2.5));

        var held = Reconciler.Check([InvariantKind.NoPaidCartChanged], [], [], [], tamper: refused).Single();
        var failed = Reconciler.Check([InvariantKind.NoPaidCartChanged], [], [], [], tamper: breached).Single();
        var unmeasured = Reconciler.Check([InvariantKind.NoPaidCartChanged], [], [], []).Single();

        held.Passed.ShouldBeTrue();
        held.Message.ShouldBe("all 1 changes to checked-out carts were refused");
        failed.Passed.ShouldBeFalse();
        failed.Message.ShouldBe("1 of 2 changes to checked-out carts were accepted; first: cart c2 (order o2, payment_pending) took a new item with 200 at 2.5s");
        unmeasured.Measured.ShouldBeFalse();
        unmeasured.Message.ShouldContain("add the cartTamper journey");
    }

    private static InvariantResult ShippedAsPaid(IReadOnlyList<StorefrontOrder> orders, params DependencyJournal[] journals) =>
        Reconciler.Check([InvariantKind.ShippedAsPaid], [], orders, journals).Single();

    private static StorefrontOrderLine Line(string sku, int quantity, long unitPrice) => new(sku, quantity, unitPrice);

    private static StorefrontOrder Order(string id, params StorefrontOrderLine[] lines)
    {
        var subtotal = lines.Sum(l => l.Quantity * l.UnitPrice);
        return new StorefrontOrder(id, "paid", subtotal, "primary", "ch_" + id, At, At) { Subtotal = subtotal, Lines = lines };
    }

    private static ShipmentRecord Shipment(string orderId, params StorefrontOrderLine[] lines) =>
        new("sh_" + orderId, orderId, "ship-" + orderId, "fc-win-1", At)
        {
            Amount = lines.Sum(l => l.Quantity * l.UnitPrice),
            Lines = [.. lines.Select(l => new ShipmentLine(l.Sku, l.Quantity, l.UnitPrice))],
        };

    private static ChargeRecord Charge(string orderId, long amount) => new("ch_" + orderId, orderId, "pay-" + orderId, amount, At);

    private static DependencyJournal Host(string host, params ShipmentRecord[] shipments) =>
        new("fulfillment." + host, [], []) { Shipments = shipments };

    private static DependencyJournal Gateway(params ChargeRecord[] charges) => new("payments.primary", [], charges);
}
