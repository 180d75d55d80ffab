using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Simulators.Tax;

namespace Chaos.Storefront.Tests;

public sealed class CheckoutTests
{
    [Fact]
    public async Task Checkout_WhenBothGatewaysAreHealthy_IsPaidByPrimaryWithOneCharge()
    {
        // 2 x 9.99 plus 8.25% tax (164.835 cents, rounded half-up).
        const long total = (2 * 999) + 165;
        await using var storefront = StorefrontHarness.Start();
        var cartId = await storefront.CreateCartAsync("sku-003", quantity: 2);

        var response = await storefront.CheckoutAsync(cartId);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        var orderId = body.Str("orderId")!;
        response.Headers.Location!.ToString().ShouldBe($"/orders/{orderId}");
        body.Str("status").ShouldBe("paid");
        body.Str("gateway").ShouldBe("primary");
        body.GetProperty("amount").GetInt64().ShouldBe(total);
        body.GetProperty("tax").GetInt64().ShouldBe(165);
        TaxServiceSimulator.TaxOn(2 * 999, TaxServiceSimulator.DefaultRate).ShouldBe(165);

        var charge = storefront.Primary.Journal.Charges.ShouldHaveSingleItem();
        charge.OrderId.ShouldBe(orderId);
        charge.IdempotencyKey.ShouldBe($"order-{orderId}");
        charge.Amount.ShouldBe(total);
        storefront.Secondary.Journal.Charges.ShouldBeEmpty();

        var order = await storefront.GetOrderAsync(orderId);
        order.Str("status").ShouldBe("paid");
        order.Str("chargeId").ShouldBe(charge.ChargeId);
        order.GetProperty("paidAt").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task Checkout_WhenPrimaryGatewayIsDown_FailsOverToSecondary()
    {
        await using var storefront = StorefrontHarness.Start();
        storefront.Primary.Faults.Apply(StorefrontHarness.Outage());

        var response = await storefront.CheckoutAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        var orderId = body.Str("orderId")!;
        body.Str("gateway").ShouldBe("secondary");
        storefront.Primary.Journal.Charges.ShouldBeEmpty();
        storefront.ChargesFor(storefront.Secondary, orderId).ShouldBe(1);
        storefront.Secondary.Journal.Charges.Single().IdempotencyKey.ShouldBe($"order-{orderId}");

        // A definitive 503 is retried on the primary, then failed over; it is not looked up.
        StorefrontHarness.CallsTo(storefront.Primary, "charges").ShouldBe(3);
        StorefrontHarness.CallsTo(storefront.Primary, "lookup").ShouldBe(0);
    }

    [Fact]
    public async Task Checkout_WhenBothGatewaysAreDown_AcceptsTheOrderAsPendingAndChargesItOnceAfterRecovery()
    {
        await using var storefront = StorefrontHarness.Start();
        storefront.Primary.Faults.Apply(StorefrontHarness.Outage());
        storefront.Secondary.Faults.Apply(StorefrontHarness.Outage());

        var response = await storefront.CheckoutAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var body = await response.JsonAsync();
        var orderId = body.Str("orderId")!;
        body.Str("status").ShouldBe("payment_pending");
        body.GetProperty("gateway").ValueKind.ShouldBe(JsonValueKind.Null);

        var status = await storefront.GetStatusAsync();
        status.GetProperty("backlogs").GetProperty("pendingPayments").GetInt32().ShouldBe(1);
        status.GetProperty("notices").EnumerateArray().Select(n => n.GetString()).ShouldContain("Payments are delayed; orders are accepted and charged shortly.");

        storefront.Primary.Faults.Clear("outage");
        storefront.Secondary.Faults.Clear("outage");

        // Either gateway may take it: the worker's retries during the outage can leave the primary's breaker open
        // for a moment after recovery. What matters is one charge, by the gateway the order names.
        var order = await storefront.WaitForOrderStatusAsync(orderId, "paid");
        var (paidBy, other) = order.Str("gateway") == "primary" ? (storefront.Primary, storefront.Secondary) : (storefront.Secondary, storefront.Primary);
        order.Str("gateway").ShouldBeOneOf("primary", "secondary");
        storefront.ChargesFor(paidBy, orderId).ShouldBe(1);
        storefront.ChargesFor(other, orderId).ShouldBe(0);

        // The worker keeps running; the order is never charged again.
        await storefront.RunCapturePassesAsync();
        (storefront.Primary.Journal.Charges.Count + storefront.Secondary.Journal.Charges.Count).ShouldBe(1);
        (await storefront.GetStatusAsync()).GetProperty("backlogs").GetProperty("pendingPayments").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Checkout_WhenThePendingLimitIsReached_RejectsWith503AndRetryAfterAndNeverChargesTheRejectedOrder()
    {
        await using var storefront = StorefrontHarness.Start(new() { ["Payments:PendingLimit"] = "1", ["Payments:RetryAfter"] = "00:00:07" });
        storefront.Primary.Faults.Apply(StorefrontHarness.Outage());
        storefront.Secondary.Faults.Apply(StorefrontHarness.Outage());

        var first = await storefront.CheckoutAsync();
        var second = await storefront.CheckoutAsync();

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        second.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        second.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(7));
        second.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var rejectedId = (await second.JsonAsync()).Str("orderId")!;
        var pendingId = (await first.JsonAsync()).Str("orderId")!;
        (await storefront.GetOrderAsync(rejectedId)).Str("status").ShouldBe("rejected");

        storefront.Primary.Faults.Clear("outage");
        storefront.Secondary.Faults.Clear("outage");
        await storefront.WaitForOrderStatusAsync(pendingId, "paid");
        await storefront.RunCapturePassesAsync();

        (await storefront.GetOrderAsync(rejectedId)).Str("status").ShouldBe("rejected");
        storefront.ChargesFor(storefront.Primary, rejectedId).ShouldBe(0);
        storefront.ChargesFor(storefront.Secondary, rejectedId).ShouldBe(0);
        storefront.ChargesFor(storefront.Primary, pendingId).ShouldBe(1);
    }

    [Fact]
    public async Task Checkout_WhenFailoverIsDisabledAndPrimaryIsDown_NeverChargesTheSecondary()
    {
        await using var storefront = StorefrontHarness.Start(new() { ["Payments:FailoverEnabled"] = "false", ["Payments:PendingLimit"] = "1" });
        storefront.Primary.Faults.Apply(StorefrontHarness.Outage());

        var first = await storefront.CheckoutAsync();
        var second = await storefront.CheckoutAsync();

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        second.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        await storefront.RunCapturePassesAsync();
        storefront.Secondary.Journal.Calls.ShouldBeEmpty();
        storefront.Primary.Journal.Charges.ShouldBeEmpty();
    }

    [Fact]
    public async Task Checkout_WithoutASecondaryGatewayAndPrimaryDown_AcceptsThePaymentAsPending()
    {
        await using var storefront = StorefrontHarness.Start(new() { ["Payments:Secondary:BaseUrl"] = "" }, withSecondary: false);
        storefront.Primary.Faults.Apply(StorefrontHarness.Outage());

        var response = await storefront.CheckoutAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var dependencies = (await storefront.GetStatusAsync()).GetProperty("dependencies").EnumerateArray().Select(d => d.Str("name"));
        dependencies.Where(d => d!.StartsWith("payments.", StringComparison.Ordinal)).ShouldBe(["payments.primary"]);
        storefront.Secondary.Journal.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Checkout_OfACartThatWasAlreadyOrdered_Answers409WithTheExistingOrder()
    {
        await using var storefront = StorefrontHarness.Start();
        var cartId = await storefront.CreateCartAsync();
        var orderId = (await (await storefront.CheckoutAsync(cartId)).JsonAsync()).Str("orderId");

        var again = await storefront.CheckoutAsync(cartId);

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.JsonAsync()).Str("orderId").ShouldBe(orderId);
        storefront.Primary.Journal.Charges.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"cartId":"","email":"buyer@example.com"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"cartId":"cart_x","email":"not-an-email"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"cartId":"cart_missing","email":"buyer@example.com"}""", HttpStatusCode.NotFound)]
    [InlineData("""{"cartId":""", HttpStatusCode.BadRequest)]
    public async Task Checkout_WithBadInput_AnswersProblemDetailsAndChargesNothing(string json, HttpStatusCode expected)
    {
        await using var storefront = StorefrontHarness.Start();

        var response = await storefront.Client.PostAsync("/checkout", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), StorefrontHarness.Cancellation);

        response.StatusCode.ShouldBe(expected);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        storefront.Primary.Journal.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task AdminOrders_WithoutAnAdminToken_Answers401AndWithOneListsEveryOrder()
    {
        await using var storefront = StorefrontHarness.Start();
        var orderId = (await (await storefront.CheckoutAsync()).JsonAsync()).Str("orderId");

        (await storefront.Client.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/admin/orders") { Headers = { { "X-Admin-Key", "guess" } } };
        (await storefront.Client.SendAsync(wrong, StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var admin = await storefront.AdminClientAsync();
        var response = await admin.GetAsync("/admin/orders", StorefrontHarness.Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var orders = await response.Content.ReadFromJsonAsync<JsonElement[]>(StorefrontHarness.Cancellation);
        orders!.ShouldHaveSingleItem().Str("orderId").ShouldBe(orderId);
        orders![0].Str("status").ShouldBe("paid");
    }

    [Fact]
    public async Task AdminOrders_WithALimit_ListsTheMostRecentOrdersNewestFirst()
    {
        await using var storefront = StorefrontHarness.Start();
        var first = (await (await storefront.CheckoutAsync()).JsonAsync()).Str("orderId");
        var second = (await (await storefront.CheckoutAsync()).JsonAsync()).Str("orderId");
        using var admin = await storefront.AdminClientAsync();

        var orders = await admin.GetFromJsonAsync<JsonElement[]>("/admin/orders?limit=1", StorefrontHarness.Cancellation);

        orders!.ShouldHaveSingleItem().Str("orderId").ShouldBe(second);
        first.ShouldNotBe(second);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("ten")]
    public async Task AdminOrders_WithABadLimit_Answers400(string limit)
    {
        await using var storefront = StorefrontHarness.Start();
        using var admin = await storefront.AdminClientAsync();

        var response = await admin.GetAsync($"/admin/orders?limit={limit}", StorefrontHarness.Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
