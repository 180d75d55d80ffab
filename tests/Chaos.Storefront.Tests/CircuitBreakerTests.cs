using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Chaos.Storefront.Tests;

public sealed class CircuitBreakerTests
{
    [Fact]
    public async Task Checkout_WhenPrimaryKeepsAnswering503_OpensItsCircuitStopsCallingItAndStatusShowsOpen()
    {
        await using var storefront = StorefrontHarness.Start(new() { ["Payments:Primary:Resilience:CircuitBreaker:BreakDuration"] = "00:00:30" });
        storefront.Primary.Faults.Apply(StorefrontHarness.Outage());

        // Each checkout makes three failing calls (two retries); five failures within the window open the circuit.
        var orderIds = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var response = await storefront.CheckoutAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            orderIds.Add((await response.JsonAsync()).Str("orderId")!);
        }

        var status = await storefront.GetStatusAsync();
        var primary = Dependency(status, "payments.primary");
        primary.Str("circuit").ShouldBe("open");
        primary.GetProperty("healthy").GetBoolean().ShouldBeFalse();
        Dependency(status, "payments.secondary").Str("circuit").ShouldBe("closed");
        status.GetProperty("notices").GetArrayLength().ShouldBeGreaterThan(0);

        var callsWhenOpened = storefront.Primary.Journal.Calls.Count;
        var third = await storefront.CheckoutAsync();
        third.StatusCode.ShouldBe(HttpStatusCode.Created);
        var thirdBody = await third.JsonAsync();
        thirdBody.Str("gateway").ShouldBe("secondary");
        orderIds.Add(thirdBody.Str("orderId")!);
        storefront.Primary.Journal.Calls.Count.ShouldBe(callsWhenOpened);

        storefront.Primary.Journal.Charges.ShouldBeEmpty();
        foreach (var orderId in orderIds)
        {
            storefront.ChargesFor(storefront.Secondary, orderId).ShouldBe(1);
        }
    }

    [Fact]
    public async Task Status_WhenAnAdminIsolatesPrimary_ShowsIsolatedAndCheckoutUsesSecondary()
    {
        await using var storefront = StorefrontHarness.Start();
        using var admin = await storefront.AdminClientAsync();
        (await admin.PostAsync("/admin/gateways/primary/isolate", null, StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var response = await storefront.CheckoutAsync();

        (await response.JsonAsync()).Str("gateway").ShouldBe("secondary");
        Dependency(await storefront.GetStatusAsync(), "payments.primary").Str("circuit").ShouldBe("isolated");
        storefront.Primary.Journal.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Health_IsLiveAndReadyOnceTheDatabaseIsOpen()
    {
        await using var storefront = StorefrontHarness.Start();

        (await storefront.Client.GetAsync("/health/live", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await storefront.Client.GetAsync("/health/ready", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var status = await storefront.Client.GetFromJsonAsync<JsonElement>("/status", StorefrontHarness.Cancellation);
        status.GetProperty("notices").GetArrayLength().ShouldBe(0);
        status.GetProperty("dependencies").EnumerateArray().Select(d => d.Str("name")).ShouldBe(["payments.primary", "payments.secondary", "identity", "tax"], ignoreOrder: true);
    }

    private static JsonElement Dependency(JsonElement status, string name) =>
        status.GetProperty("dependencies").EnumerateArray().Single(d => d.Str("name") == name);
}
