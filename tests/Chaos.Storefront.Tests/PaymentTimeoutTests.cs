using System.Net;
using Chaos.Engine.Faults;
using Chaos.Simulators.Payments;

namespace Chaos.Storefront.Tests;

public sealed class PaymentTimeoutTests
{
    private static readonly TimeSpan SlowerThanAnAttempt = TimeSpan.FromSeconds(2.5);

    [Fact]
    public async Task Checkout_WhenTheFirstChargeAttemptTimesOut_RetriesWithTheSameKeyAndChargesOnce()
    {
        await using var storefront = StorefrontHarness.Start();
        (await storefront.CheckoutAsync()).StatusCode.ShouldBe(HttpStatusCode.Created); // warm: connection and JIT ready
        var cartId = await storefront.CreateCartAsync();

        var decided = storefront.Primary.Faults.Decided;
        storefront.Primary.Faults.Apply(StorefrontHarness.Slow(SlowerThanAnAttempt));
        var checkout = storefront.CheckoutAsync(cartId);

        // The first attempt is decided slow on arrival; the retry (after the attempt timeout) arrives healthy.
        await WaitUntilAsync(() => storefront.Primary.Faults.Decided > decided);
        storefront.Primary.Faults.Clear("slow");
        var response = await checkout;

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var orderId = (await response.JsonAsync()).Str("orderId")!;
        storefront.ChargesFor(storefront.Primary, orderId).ShouldBe(1);
        storefront.ChargesFor(storefront.Secondary, orderId).ShouldBe(0);

        // Both attempts reached the gateway (the slow one is journaled when its late answer leaves).
        await WaitUntilAsync(() => storefront.Primary.Journal.Calls.Count(c => c.Route == "charges") >= 3);
        storefront.Primary.Journal.Calls.Count(c => c.Route == "charges" && c.Faulted).ShouldBe(1);
        storefront.Primary.Journal.Charges.Count(c => c.IdempotencyKey == $"order-{orderId}").ShouldBe(1);
    }

    [Fact]
    public async Task Checkout_WhenRetriesAnswer503AfterAnAttemptTimedOut_LooksTheChargeUpInsteadOfFailingOver()
    {
        await using var storefront = StorefrontHarness.Start();
        (await storefront.CheckoutAsync()).StatusCode.ShouldBe(HttpStatusCode.Created);
        var cartId = await storefront.CreateCartAsync();

        // The first attempt charges but answers late; the retries get a clean 503. The last answer alone says "not
        // charged", which would fail over to the secondary and charge the customer twice.
        var decided = storefront.Primary.Faults.Decided;
        storefront.Primary.Faults.Apply(StorefrontHarness.Slow(SlowerThanAnAttempt));
        var checkout = storefront.CheckoutAsync(cartId);
        await WaitUntilAsync(() => storefront.Primary.Faults.Decided > decided);
        storefront.Primary.Faults.Clear("slow");
        storefront.Primary.Faults.Apply(StorefrontHarness.Outage());
        var response = await checkout;

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        body.Str("gateway").ShouldBe("primary");
        var orderId = body.Str("orderId")!;
        storefront.ChargesFor(storefront.Primary, orderId).ShouldBe(1);
        storefront.Secondary.Journal.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Checkout_WhenEveryChargeAttemptTimesOut_FindsTheChargeByKeyInsteadOfFailingOver()
    {
        await using var storefront = StorefrontHarness.Start();
        storefront.Primary.Faults.Apply(StorefrontHarness.Slow(SlowerThanAnAttempt));

        var response = await storefront.CheckoutAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        var orderId = body.Str("orderId")!;
        body.Str("gateway").ShouldBe("primary");
        storefront.ChargesFor(storefront.Primary, orderId).ShouldBe(1);
        storefront.Secondary.Journal.Calls.ShouldBeEmpty();
        StorefrontHarness.CallsTo(storefront.Primary, "lookup").ShouldBe(1);
    }

    [Fact]
    public async Task Checkout_WhenTheOutcomeIsUnknownAndTheLookupFails_PinsTheOrderToThatGatewayUntilItAnswers()
    {
        await using var storefront = StorefrontHarness.Start();
        storefront.Primary.Faults.Apply(StorefrontHarness.Slow(SlowerThanAnAttempt));
        storefront.Primary.Faults.Apply(StorefrontHarness.Outage("lookup-down", PaymentGatewaySimulator.LookupRoute));

        var response = await storefront.CheckoutAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var orderId = (await response.JsonAsync()).Str("orderId")!;

        // The primary charged it (the answer was only late); capture passes that ran to their end never ask the secondary.
        await StorefrontHarness.WaitUntilAsync(() => storefront.ChargesFor(storefront.Primary, orderId) == 1, "the primary's late charge");
        await storefront.RunCapturePassesAsync();
        storefront.ChargesFor(storefront.Primary, orderId).ShouldBe(1);
        storefront.Secondary.Journal.Calls.ShouldBeEmpty();
        (await storefront.GetOrderAsync(orderId)).Str("status").ShouldBe("payment_pending");

        storefront.Primary.Faults.Clear("lookup-down");
        storefront.Primary.Faults.Clear("slow");
        var order = await storefront.WaitForOrderStatusAsync(orderId, "paid");

        order.Str("gateway").ShouldBe("primary");
        storefront.ChargesFor(storefront.Primary, orderId).ShouldBe(1);
        storefront.Secondary.Journal.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Checkout_WithoutIdempotencyKeys_ChargesAgainWhenATimedOutAttemptIsRetried()
    {
        // The naive configuration is kept so that a rehearsal can show it failing; this pins that it still does.
        await using var storefront = StorefrontHarness.Start(new() { ["Payments:UseIdempotencyKeys"] = "false" });
        storefront.Primary.Faults.Apply(StorefrontHarness.Slow(SlowerThanAnAttempt));

        var response = await storefront.CheckoutAsync();

        var orderId = (await response.JsonAsync()).Str("orderId")!;
        storefront.Primary.Journal.Charges.ShouldAllBe(c => c.IdempotencyKey == null);
        await WaitUntilAsync(() => storefront.ChargesFor(storefront.Primary, orderId) >= 2);
        StorefrontHarness.CallsTo(storefront.Primary, "lookup").ShouldBe(0);
    }

    [Fact]
    public async Task Checkout_WhenAChargeTimesOutAndTheLookupFindsNothing_StaysWithThatGatewayAndNeverFailsOver()
    {
        // The charge is held unprocessed past every attempt: to the storefront it may still be queued at the
        // gateway, so "not found" must not mean "safe to charge the secondary".
        await using var storefront = StorefrontHarness.Start();
        storefront.Primary.Faults.Apply(new FaultRule("held", PaymentGatewaySimulator.ChargesRoute, new FaultSpec { Kind = FaultKind.Hang, HangFor = TimeSpan.FromSeconds(5) }));

        var response = await storefront.CheckoutAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var orderId = (await response.JsonAsync()).Str("orderId")!;
        StorefrontHarness.CallsTo(storefront.Primary, "lookup").ShouldBeGreaterThanOrEqualTo(1);
        storefront.Secondary.Journal.Calls.ShouldBeEmpty();

        storefront.Primary.Faults.Clear("held");
        var order = await storefront.WaitForOrderStatusAsync(orderId, "paid");

        order.Str("gateway").ShouldBe("primary");
        storefront.ChargesFor(storefront.Primary, orderId).ShouldBe(1);
        storefront.Secondary.Journal.Calls.ShouldBeEmpty();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the condition never became true");
            await Task.Delay(50, StorefrontHarness.Cancellation);
        }
    }
}
