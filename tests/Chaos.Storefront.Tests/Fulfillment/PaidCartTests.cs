using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Engine.Faults;

namespace Chaos.Storefront.Tests.Fulfillment;

/// <summary>
/// An order owns a copy of its lines: once a cart is checked out it is closed, and what is shipped is what was priced
/// and charged, never the cart's live lines.
/// </summary>
public sealed class PaidCartTests
{
    private static readonly (string Name, string Os)[] OneHost = [("fc-linux-1", "linux")];

    [Fact]
    public async Task AddingToACartThatWasCheckedOut_IsRefusedWith409_AndTheShipmentCarriesTheOrderedLines()
    {
        await using var harness = FulfillmentHarness.Start(OneHost);
        var cartId = await harness.Storefront.CreateCartAsync("sku-001", 1);
        var checkout = await harness.Storefront.CheckoutAsync(cartId);
        checkout.StatusCode.ShouldBe(HttpStatusCode.Created);
        var orderId = (await checkout.JsonAsync()).Str("orderId")!;

        var tamper = await harness.Storefront.Client.PostAsJsonAsync($"/carts/{cartId}/items", new { sku = "sku-001", quantity = 99 }, StorefrontHarness.Cancellation);

        tamper.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await tamper.JsonAsync();
        problem.Str("orderId").ShouldBe(orderId);
        problem.Str("detail")!.ShouldContain("POST /carts");
        (await harness.Storefront.Client.GetFromJsonAsync<JsonElement>($"/carts/{cartId}", StorefrontHarness.Cancellation))
            .GetProperty("items").EnumerateArray().Single().GetProperty("quantity").GetInt32().ShouldBe(1);

        await harness.WaitForDispatchAsync(orderId);
        var shipment = harness.Pool.Shipments.ShouldHaveSingleItem();
        var line = shipment.Lines.ShouldHaveSingleItem();
        line.ShouldBe(new ShipmentLine("sku-001", 1, 499));
        var order = await harness.Storefront.GetOrderAsync(orderId);
        order.GetProperty("subtotal").GetInt64().ShouldBe(499);
        order.GetProperty("amount").GetInt64().ShouldBe(shipment.Amount);
        var orderLine = order.GetProperty("lines").EnumerateArray().ShouldHaveSingleItem();
        (orderLine.Str("sku"), orderLine.GetProperty("quantity").GetInt32(), orderLine.GetProperty("unitPrice").GetInt64()).ShouldBe(("sku-001", 1, 499L));
    }

    [Fact]
    public async Task AnOrderPendingPayment_KeepsItsCartClosed_AndShipsWhatWasOrderedOnceCaptured()
    {
        await using var harness = FulfillmentHarness.Start(OneHost);
        harness.Storefront.Primary.Faults.Apply(StorefrontHarness.Outage());
        harness.Storefront.Secondary.Faults.Apply(StorefrontHarness.Outage());
        var cartId = await harness.Storefront.CreateCartAsync("sku-002", 3);
        var checkout = await harness.Storefront.CheckoutAsync(cartId);
        checkout.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var orderId = (await checkout.JsonAsync()).Str("orderId")!;

        // The window the probe found: while the order waits for payment, the cart must not grow.
        var tamper = await harness.Storefront.Client.PostAsJsonAsync($"/carts/{cartId}/items", new { sku = "sku-020", quantity = 100 }, StorefrontHarness.Cancellation);
        tamper.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        harness.Storefront.Primary.Faults.ClearAll();
        harness.Storefront.Secondary.Faults.ClearAll();
        await harness.Storefront.WaitForOrderStatusAsync(orderId, "paid", TimeSpan.FromSeconds(20));
        await harness.WaitForDispatchAsync(orderId);

        var shipment = harness.Pool.Shipments.ShouldHaveSingleItem();
        shipment.Lines.ShouldBe([new ShipmentLine("sku-002", 3, 749)]);
        var charge = harness.Storefront.Primary.Journal.Charges.Concat(harness.Storefront.Secondary.Journal.Charges).ShouldHaveSingleItem();
        charge.Amount.ShouldBe(shipment.Amount);
    }
}
