using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Engine.Scenarios;
using Chaos.Simulators.Fulfillment;
using Chaos.Storefront.Tests.Fulfillment;

namespace Chaos.Storefront.Tests.Inventory;

/// <summary>
/// Stock per fulfillment centre: reserved in the order's transaction, refused with 409 rather than oversold, moved to the
/// backup for critical items while the primary cannot ship, shipped only by the order's centre, given back on a rejection.
/// appsettings.json stocks the primary with every SKU and the backup with sku-001, sku-005 and sku-013 only.
/// </summary>
public sealed class StockTests
{
    [Fact]
    public async Task Checkout_ReservesEveryLineInTheOrdersTransaction_OrNothingWhenOneLineCannotBeFilled()
    {
        await using var storefront = StorefrontHarness.Start(new() { ["Inventory:Centres:0:Stock:sku-020"] = "1" });

        var paid = await storefront.CheckoutAsync(await CartAsync(storefront, ("sku-002", 2)));
        paid.StatusCode.ShouldBe(HttpStatusCode.Created);
        var orderId = (await paid.JsonAsync()).Str("orderId")!;
        (await storefront.GetOrderAsync(orderId)).Str("centre").ShouldBe("primary");
        Committed(storefront, "primary", "sku-002").ShouldBe(2);

        // sku-002 could be filled, sku-020 cannot: the order is refused whole, and sku-002 keeps its units.
        var cartId = await CartAsync(storefront, ("sku-002", 1), ("sku-020", 2));
        var refused = await storefront.CheckoutAsync(cartId);

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await refused.JsonAsync();
        problem.Str("title").ShouldBe("Out of stock");
        problem.Str("sku").ShouldBe("sku-020");
        problem.GetProperty("requested").GetInt32().ShouldBe(2);
        problem.GetProperty("available").GetInt64().ShouldBe(1);
        problem.Str("detail")!.ShouldContain("nothing was ordered or charged");
        refused.Headers.RetryAfter.ShouldBeNull();
        Committed(storefront, "primary", "sku-002").ShouldBe(2);
        Committed(storefront, "primary", "sku-020").ShouldBe(0);
        OrdersOfCart(storefront, cartId).ShouldBe(0);
        storefront.Primary.Journal.Charges.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Checkout_ConcurrentCheckoutsOfTheLastUnits_SellEachUnitOnceAndRefuseTheRestWith409()
    {
        const int Units = 5;
        const int Shoppers = 16;
        await using var storefront = StorefrontHarness.Start(new() { ["Inventory:Centres:0:Stock:sku-020"] = Units.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var carts = new List<string>();
        for (var i = 0; i < Shoppers; i++)
        {
            carts.Add(await CartAsync(storefront, ("sku-020", 1)));
        }

        var responses = await Task.WhenAll(carts.Select(cart => storefront.CheckoutAsync(cart)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(Units);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(Shoppers - Units);
        Committed(storefront, "primary", "sku-020").ShouldBe(Units);
        var inventory = await InventoryAsync(storefront);
        var level = Level(inventory, "primary", "sku-020");
        level.GetProperty("stock").GetInt64().ShouldBe(Units);
        (level.GetProperty("reserved").GetInt64() + level.GetProperty("shipped").GetInt64()).ShouldBe(Units);
    }

    [Fact]
    public async Task Checkout_WhenThePaymentIsRejected_GivesTheReservedUnitsBack()
    {
        await using var storefront = StorefrontHarness.Start(new() { ["Payments:PendingLimit"] = "0" });
        storefront.Primary.Faults.Apply(StorefrontHarness.Outage());
        storefront.Secondary.Faults.Apply(StorefrontHarness.Outage());

        var response = await storefront.CheckoutAsync(await CartAsync(storefront, ("sku-004", 3)));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var orderId = (await response.JsonAsync()).Str("orderId")!;
        (await storefront.GetOrderAsync(orderId)).Str("status").ShouldBe("rejected");
        Committed(storefront, "primary", "sku-004").ShouldBe(0);
    }

    [Fact]
    public async Task Checkout_WhenThePrimarysHostsAreDown_ReservesCriticalItemsAtTheBackupAndShipsThemFromIt()
    {
        await using var centres = CentresHarness.Start();
        await centres.ClosePrimaryAsync();

        var critical = await centres.CheckoutAsync("sku-001");
        var other = await centres.CheckoutAsync("sku-002");

        (await centres.Fulfillment.Storefront.GetOrderAsync(critical)).Str("centre").ShouldBe("backup");
        (await centres.Fulfillment.WaitForDispatchAsync(critical)).Str("host").ShouldBe("fc-backup-1");
        Committed(centres.Fulfillment.Storefront, "backup", "sku-001").ShouldBe(2);

        // Only the closed primary holds sku-002: accepted against its stock and told it ships late.
        var order = await centres.Fulfillment.Storefront.GetOrderAsync(other);
        order.Str("centre").ShouldBe("primary");
        order.GetProperty("shipping").GetProperty("delayed").GetBoolean().ShouldBeTrue();
        var status = await centres.Fulfillment.Storefront.GetStatusAsync();
        FulfillmentHarness.Notices(status).ShouldContain(n => n!.StartsWith("Our main fulfillment centre is closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatch_OrderOfTheClosedPrimary_NeverGoesToTheBackupsHealthyHostsAndShipsWhenThePrimaryReturns()
    {
        await using var centres = CentresHarness.Start();
        var first = await centres.ClosePrimaryAsync();
        var later = await centres.CheckoutAsync("sku-002");

        // Passes go by, trial calls on the primary's host fail, while the backup's host is healthy; neither order may go there.
        await WaitForCallsAsync(centres.Fulfillment.Pool["fc-primary-1"], 3);
        centres.Fulfillment.Pool["fc-backup-1"].Journal.Shipments.ShouldBeEmpty();

        centres.Fulfillment.Pool["fc-primary-1"].Faults.Clear("outage");
        (await centres.Fulfillment.WaitForDispatchAsync(first)).Str("host").ShouldBe("fc-primary-1");
        (await centres.Fulfillment.WaitForDispatchAsync(later)).Str("host").ShouldBe("fc-primary-1");
        centres.Fulfillment.Pool["fc-backup-1"].Journal.Shipments.ShouldBeEmpty();
        var inventory = await InventoryAsync(centres.Fulfillment.Storefront);
        Level(inventory, "primary", "sku-002").GetProperty("shipped").GetInt64().ShouldBe(4);
        Level(inventory, "primary", "sku-002").GetProperty("reserved").GetInt64().ShouldBe(0);
    }

    private static async Task WaitForCallsAsync(FulfillmentHostSimulator host, int calls)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (host.Journal.Calls.Count < calls)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"{host.Name} had {host.Journal.Calls.Count} calls, not {calls}");
            await Task.Delay(50, StorefrontHarness.Cancellation);
        }
    }

    private static async Task<string> CartAsync(StorefrontHarness storefront, params (string Sku, int Quantity)[] lines)
    {
        var cartId = await storefront.CreateCartAsync(lines[0].Sku, lines[0].Quantity);
        foreach (var (sku, quantity) in lines.Skip(1))
        {
            (await storefront.Client.PostAsJsonAsync($"/carts/{cartId}/items", new { sku, quantity }, StorefrontHarness.Cancellation)).IsSuccessStatusCode.ShouldBeTrue();
        }

        return cartId;
    }

    private static long Committed(StorefrontHarness storefront, string centre, string sku)
    {
        using var db = storefront.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT committed FROM inventory WHERE centre = $centre AND sku = $sku;";
        command.Parameters.AddWithValue("$centre", centre);
        command.Parameters.AddWithValue("$sku", sku);
        return (long)command.ExecuteScalar()!;
    }

    private static long OrdersOfCart(StorefrontHarness storefront, string cartId)
    {
        using var db = storefront.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM orders WHERE cart_id = $cart;";
        command.Parameters.AddWithValue("$cart", cartId);
        return (long)command.ExecuteScalar()!;
    }

    private static async Task<JsonElement> InventoryAsync(StorefrontHarness storefront)
    {
        using var admin = await storefront.AdminClientAsync();
        var response = await admin.GetAsync("/admin/inventory", StorefrontHarness.Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    private static JsonElement Level(JsonElement inventory, string centre, string sku) =>
        inventory.EnumerateArray().Single(c => c.Str("name") == centre).GetProperty("skus").EnumerateArray().Single(s => s.Str("sku") == sku);

    /// <summary>A storefront with one host per centre: <c>fc-primary-1</c> (primary) and <c>fc-backup-1</c> (backup).</summary>
    private sealed class CentresHarness : IAsyncDisposable
    {
        private CentresHarness(FulfillmentHarness fulfillment) => Fulfillment = fulfillment;

        public FulfillmentHarness Fulfillment { get; }

        public static CentresHarness Start() => new(FulfillmentHarness.Start(
            [("fc-primary-1", "linux", StorefrontVocabulary.PrimaryCentre), ("fc-backup-1", "linux", StorefrontVocabulary.BackupCentre)]));

        /// <summary>Takes the primary's host down and places an order there, whose failed dispatch closes the centre; returns that order.</summary>
        public async Task<string> ClosePrimaryAsync()
        {
            Fulfillment.Pool["fc-primary-1"].Faults.Apply(FulfillmentHarness.HostOutage());
            var orderId = await CheckoutAsync("sku-002");
            await Fulfillment.WaitForStatusAsync(
                s => s.GetProperty("centres").EnumerateArray().Any(c => c.Str("name") == "primary" && !c.GetProperty("open").GetBoolean()),
                "the primary centre closed");
            return orderId;
        }

        public async Task<string> CheckoutAsync(string sku)
        {
            var response = await Fulfillment.Storefront.CheckoutAsync(await Fulfillment.Storefront.CreateCartAsync(sku, 2));
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            return (await response.JsonAsync()).Str("orderId")!;
        }

        public ValueTask DisposeAsync() => Fulfillment.DisposeAsync();
    }
}
