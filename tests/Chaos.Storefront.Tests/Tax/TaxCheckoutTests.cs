using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Engine.Faults;
using Chaos.Simulators.Tax;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Storefront.Tests.Tax;

/// <summary>Checkout against a tax service that has a bad deploy: 500s, malformed quotes, hangs, then a rollback.</summary>
public sealed class TaxCheckoutTests
{
    private const string Friendly = "Checkout is temporarily unavailable. Your cart is saved; please try again in 5 seconds.";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Checkout_WhenTaxServiceAnswers500_Answers503WithRetryAfterAndKeepsTheCart_ThenTheSameCartChecksOutAfterRollback()
    {
        // Fast: it answers on a storefront clock that stands still (the retry's delay is 0 here: a backoff waits on the clock).
        var clock = new FrozenClock();
        await using var storefront = StorefrontHarness.Start(new() { ["Tax:Resilience:Retry:Delay"] = "00:00:00" }, time: clock);
        var cartId = await storefront.CreateCartAsync("sku-003", quantity: 2);
        var cartBefore = await GetCartAsync(storefront, cartId);
        storefront.Tax.Faults.Apply(BadDeploy(new FaultSpec { Kind = FaultKind.Status, StatusCode = 500 }));

        var failed = await clock.AnswerWithoutMovingAsync(storefront.CheckoutAsync(cartId));

        failed.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        failed.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        await ShouldBeFriendlyAsync(failed, cartId);

        // One attempt and one retry; no order stored, no gateway called, the cart as it was.
        storefront.Tax.Journal.Calls.Count.ShouldBe(2);
        CountOrders(storefront).ShouldBe(0);
        storefront.Primary.Journal.Calls.ShouldBeEmpty();
        storefront.Secondary.Journal.Calls.ShouldBeEmpty();
        (await GetCartAsync(storefront, cartId)).ToString().ShouldBe(cartBefore.ToString());

        storefront.Tax.Faults.Clear("bad-deploy");
        var recovered = await storefront.CheckoutAsync(cartId);

        recovered.StatusCode.ShouldBe(HttpStatusCode.Created);
        var order = await recovered.JsonAsync();
        var tax = TaxServiceSimulator.TaxOn(2 * 999, TaxServiceSimulator.DefaultRate);
        order.GetProperty("amount").GetInt64().ShouldBe((2 * 999) + tax);
        order.GetProperty("tax").GetInt64().ShouldBe(tax);
        var charge = storefront.Primary.Journal.Charges.ShouldHaveSingleItem();
        charge.OrderId.ShouldBe(order.Str("orderId"));
        charge.Amount.ShouldBe((2 * 999) + tax);
        (await storefront.GetOrderAsync(order.Str("orderId")!)).GetProperty("amount").GetInt64().ShouldBe(charge.Amount);
    }

    [Theory]
    [InlineData(FaultKind.Malformed)]
    [InlineData(FaultKind.Truncated)]
    public async Task Checkout_WhenTaxServiceAnswersABrokenQuote_Answers503AndStoresNoOrder(FaultKind kind)
    {
        await using var storefront = StorefrontHarness.Start();
        var cartId = await storefront.CreateCartAsync();
        storefront.Tax.Faults.Apply(BadDeploy(new FaultSpec { Kind = kind }));

        var response = await storefront.CheckoutAsync(cartId);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        await ShouldBeFriendlyAsync(response, cartId);

        // A broken quote is a failed attempt: retried once, like a 500.
        storefront.Tax.Journal.Calls.Count.ShouldBe(2);
        CountOrders(storefront).ShouldBe(0);
        storefront.Primary.Journal.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Checkout_RetriedAfterItWentThrough_WhileTaxIsDown_Answers409WithTheOrderWithoutAskingTax()
    {
        await using var storefront = StorefrontHarness.Start();
        var cartId = await storefront.CreateCartAsync();
        var orderId = (await (await storefront.CheckoutAsync(cartId)).JsonAsync()).Str("orderId");
        storefront.Tax.Faults.Apply(BadDeploy(new FaultSpec { Kind = FaultKind.Status, StatusCode = 500 }));

        var again = await storefront.CheckoutAsync(cartId);

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.JsonAsync()).Str("orderId").ShouldBe(orderId);
        storefront.Tax.Journal.Calls.Count.ShouldBe(1);
        storefront.Primary.Journal.Charges.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Checkout_WhenTheCartChangesWhileTaxPricesIt_Answers409AndOrdersNothing()
    {
        await using var storefront = StorefrontHarness.Start(new()
        {
            ["Tax:Resilience:AttemptTimeout"] = "00:00:04",
            ["Tax:Resilience:TotalTimeout"] = "00:00:05",
        });
        var cartId = await storefront.CreateCartAsync("sku-001", quantity: 1);
        storefront.Tax.Faults.Apply(BadDeploy(new FaultSpec { Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(2), InjectionRate = 1.0 }));

        // The quote takes 2 s; the cart changes once the tax service has the quote request, while it is being priced.
        var decided = storefront.Tax.Faults.Decided;
        var checkout = storefront.CheckoutAsync(cartId);
        await StorefrontHarness.WaitUntilAsync(() => storefront.Tax.Faults.Decided > decided, "the quote request reaching the tax service");
        (await storefront.Client.PostAsJsonAsync($"/carts/{cartId}/items", new { sku = "sku-002", quantity = 1 }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var response = await checkout;

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.JsonAsync()).Str("title").ShouldBe("Cart changed");
        storefront.Tax.Journal.Calls.Count.ShouldBe(1);
        CountOrders(storefront).ShouldBe(0);
        storefront.Primary.Journal.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Checkout_WhenTaxServiceHangs_Answers503WithinTheTotalTimeout()
    {
        var clock = new FrozenClock();
        await using var storefront = StorefrontHarness.Start(
            new()
            {
                ["Tax:Resilience:AttemptTimeout"] = "00:00:00.300",
                ["Tax:Resilience:TotalTimeout"] = "00:00:00.700",
            },
            time: clock);
        var cartId = await storefront.CreateCartAsync();
        storefront.Tax.Faults.Apply(BadDeploy(new FaultSpec { Kind = FaultKind.Hang, HangFor = TimeSpan.FromMinutes(5) }));

        // At the total timeout on the storefront's clock, not after the hang.
        var response = await clock.AnswerAtTimeoutAsync(() => storefront.CheckoutAsync(cartId), TimeSpan.FromMilliseconds(700));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        await ShouldBeFriendlyAsync(response, cartId);
        CountOrders(storefront).ShouldBe(0);
    }

    [Fact]
    public async Task Checkout_WhenTaxServiceKeepsFailing_OpensTheBreakerStopsCallingItAndRecoversAfterRollback()
    {
        // On a clock the test advances: the break ends when the clock says so, not after a sleep (and the retry does not
        // wait on that clock).
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var storefront = StorefrontHarness.Start(
            new() { ["Tax:Resilience:CircuitBreaker:BreakDuration"] = "00:00:01", ["Tax:Resilience:Retry:Delay"] = "00:00:00" }, time: time);
        var cartId = await storefront.CreateCartAsync();
        storefront.Tax.Faults.Apply(BadDeploy(new FaultSpec { Kind = FaultKind.Status, StatusCode = 500 }));

        for (var i = 0; i < 10; i++)
        {
            (await storefront.CheckoutAsync(cartId)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }

        // Two checkouts of an attempt and a retry reach the tuned MinimumThroughput of 4; the other eight never call.
        storefront.Tax.Journal.Calls.Count.ShouldBe(4);
        var status = await storefront.GetStatusAsync();
        var tax = status.GetProperty("dependencies").EnumerateArray().Single(d => d.Str("name") == "tax");
        tax.Str("circuit").ShouldBe("open");
        tax.GetProperty("healthy").GetBoolean().ShouldBeFalse();
        status.GetProperty("notices").EnumerateArray().Select(n => n.GetString()).ShouldContain("Checkout is temporarily unavailable; your cart is saved. Browsing works as usual.");

        // Rollback: once the break is over, the trial call succeeds and the same cart checks out.
        storefront.Tax.Faults.Clear("bad-deploy");
        time.Advance(TimeSpan.FromSeconds(0.9));
        (await storefront.CheckoutAsync(cartId)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, "the break is not over yet");
        storefront.Tax.Journal.Calls.Count.ShouldBe(4);
        time.Advance(TimeSpan.FromSeconds(0.2));
        (await storefront.CheckoutAsync(cartId)).StatusCode.ShouldBe(HttpStatusCode.Created);
        storefront.Tax.Journal.Calls.Count.ShouldBe(5);
        var after = (await storefront.GetStatusAsync()).GetProperty("dependencies").EnumerateArray().Single(d => d.Str("name") == "tax");
        (after.Str("circuit"), after.GetProperty("healthy").GetBoolean()).ShouldBe(("closed", true));
    }

    [Fact]
    public async Task Browsing_WhileTheTaxServiceIsDownAndItsCircuitIsOpen_StaysUp()
    {
        await using var storefront = StorefrontHarness.Start();
        storefront.Tax.Faults.Apply(BadDeploy(new FaultSpec { Kind = FaultKind.Status, StatusCode = 500 }));
        var cartId = await storefront.CreateCartAsync();
        for (var i = 0; i < 3; i++)
        {
            (await storefront.CheckoutAsync(cartId)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }

        (await storefront.Client.GetAsync("/products", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await storefront.Client.GetAsync("/products/sku-002", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await storefront.Client.PostAsJsonAsync($"/carts/{cartId}/items", new { sku = "sku-002", quantity = 1 }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var cart = await GetCartAsync(storefront, cartId);
        cart.GetProperty("items").GetArrayLength().ShouldBe(2);
        (await storefront.Client.GetAsync("/health/ready", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Status_WhenTheTaxServiceIsHealthy_ListsItClosedAndHealthy()
    {
        await using var storefront = StorefrontHarness.Start();

        var status = await storefront.GetStatusAsync();

        var tax = status.GetProperty("dependencies").EnumerateArray().Single(d => d.Str("name") == "tax");
        (tax.Str("circuit"), tax.GetProperty("healthy").GetBoolean()).ShouldBe(("closed", true));
        status.GetProperty("notices").GetArrayLength().ShouldBe(0);
    }

    private static FaultRule BadDeploy(FaultSpec fault) => new("bad-deploy", TaxServiceSimulator.QuotesRoute, fault);

    private static async Task ShouldBeFriendlyAsync(HttpResponseMessage response, string cartId)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        text.ShouldNotContain("Exception");
        text.ShouldNotContain(" at ");
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe(503);
        problem.Str("title").ShouldBe("Checkout is temporarily unavailable");
        problem.Str("detail").ShouldBe(Friendly);
        problem.Str("cartId").ShouldBe(cartId);
    }

    private static async Task<JsonElement> GetCartAsync(StorefrontHarness storefront, string cartId)
    {
        var response = await storefront.Client.GetAsync($"/carts/{cartId}", Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    private static long CountOrders(StorefrontHarness storefront)
    {
        using var connection = storefront.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM orders;";
        return (long)command.ExecuteScalar()!;
    }
}
