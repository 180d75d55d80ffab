using Chaos.Engine.Faults;
using Chaos.Engine.Judging;
using Chaos.Engine.Scenarios;
using Chaos.Targets.Storefront;
using Shouldly;
using Xunit;

namespace Chaos.Targets.Storefront.Tests;

public sealed class ReconcilerStockTests
{
    private static readonly InvariantKind[] Oversell = [InvariantKind.NoOversell];
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static readonly DependencyTarget[] Hosts =
    [
        Target("fc-win-1", "primary"),
        Target("fc-backup-1", "backup"),
    ];

    [Fact]
    public void Check_ShippedPlusReservedWithinStockAtEveryCentre_Holds()
    {
        var stock = new StockLedger(
            [Centre("primary", ("sku-001", 100, 5)), Centre("backup", ("sku-001", 10, 2))],
            Hosts);

        var result = Check(stock, Journal("fc-win-1", Shipment("o1", "fc-win-1", ("sku-001", 3))), Journal("fc-backup-1", Shipment("o2", "fc-backup-1", ("sku-001", 8))));

        result.Passed.ShouldBeTrue(result.Message);
        result.Message.ShouldBe("per centre and SKU, shipped plus reserved units within stock (primary 3 shipped of 100, backup 8 shipped of 10; 7 still reserved)");
    }

    [Fact]
    public void Check_BackupShipsItemsItDoesNotStock_FailsNamingCentreSkuStockAndUnits()
    {
        var stock = new StockLedger([Centre("primary", ("sku-002", 100, 0)), Centre("backup", ("sku-002", 0, 1))], Hosts);

        var result = Check(stock, Journal("fc-backup-1", Shipment("o1", "fc-backup-1", ("sku-002", 2)), Shipment("o2", "fc-backup-1", ("sku-002", 1))));

        result.Passed.ShouldBeFalse();
        result.Message.ShouldBe("1 centre and SKU pairs oversold or unaccounted; first: centre backup, sku-002: 3 units shipped and 1 reserved, 4 in all, with 0 in stock (4 oversold)");
    }

    [Fact]
    public void Check_HostsCentreTag_WinsOverTheStorefrontsAssignment()
    {
        // The storefront believes fc-backup-1 ships for the primary; its own tag says backup, where nothing is stocked.
        var stock = new StockLedger(
            [Centre("primary", ["fc-win-1", "fc-backup-1"], ("sku-003", 100, 0)), Centre("backup", [], ("sku-003", 0, 0))],
            Hosts);

        var result = Check(stock, Journal("fc-backup-1", Shipment("o1", "fc-backup-1", ("sku-003", 1))));

        result.Passed.ShouldBeFalse();
        result.Examples.ShouldHaveSingleItem().ShouldStartWith("centre backup, sku-003: 1 units shipped");
    }

    [Fact]
    public void Check_OneOrderShippedTwice_CountsItsUnitsOnce()
    {
        var stock = new StockLedger([Centre("primary", ("sku-001", 2, 0))], Hosts);

        var result = Check(stock, Journal("fc-win-1", Shipment("o1", "fc-win-1", ("sku-001", 2)), Shipment("o1", "fc-win-1", ("sku-001", 2)) with { ShipmentId = "sh_again" }));

        result.Passed.ShouldBeTrue(result.Message);
    }

    [Fact]
    public void Check_HostWithoutCentre_FailsNamingTheHost()
    {
        var stock = new StockLedger([Centre("primary", [], ("sku-001", 10, 0))], [new DependencyTarget("fulfillment.fc-x", new Dictionary<string, string>())]);

        var result = Check(stock, Journal("fc-x", Shipment("o1", "fc-x", ("sku-001", 1))));

        result.Passed.ShouldBeFalse();
        result.Examples.ShouldHaveSingleItem().ShouldBe("hosts fc-x shipped orders but belong to no centre; tag them centre: <name>");
    }

    [Fact]
    public void Check_WithoutInventory_IsNotMeasured()
    {
        var result = Check(new StockLedger(null, Hosts));

        result.Measured.ShouldBeFalse();
        result.Message.ShouldContain("GET /admin/inventory");
    }

    private static InvariantResult Check(StockLedger stock, params DependencyJournal[] journals) =>
        Reconciler.Check(Oversell, [], [], journals, stock: stock).ShouldHaveSingleItem();

    private static DependencyTarget Target(string host, string centre) =>
        new("fulfillment." + host, new Dictionary<string, string> { ["os"] = "linux", [StorefrontVocabulary.CentreTag] = centre });

    private static StorefrontCentre Centre(string name, params (string Sku, long Stock, long Reserved)[] skus) => Centre(name, null, skus);

    private static StorefrontCentre Centre(string name, string[]? hosts, params (string Sku, long Stock, long Reserved)[] skus) =>
        new(name, true, hosts, [.. skus.Select(s => new StorefrontStock(s.Sku, s.Stock, s.Reserved, 0))]);

    private static ShipmentRecord Shipment(string orderId, string host, params (string Sku, int Quantity)[] lines) =>
        new("sh_" + orderId, orderId, "ship-" + orderId, host, At) { Lines = [.. lines.Select(l => new ShipmentLine(l.Sku, l.Quantity, 100))] };

    private static DependencyJournal Journal(string host, params ShipmentRecord[] shipments) =>
        new("fulfillment." + host, [], []) { Shipments = shipments };
}
