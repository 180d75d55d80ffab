using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Engine.Faults;
using Chaos.Simulators.Fulfillment;
using Chaos.Simulators.Identity;
using Chaos.Simulators.Payments;
using Chaos.Simulators.Remote;
using Shouldly;
using Xunit;

namespace Chaos.Simulators.Tests.Hosting;

/// <summary>Every journalled call carries the key a retry of the same request repeats, so the judge can count retries.</summary>
public sealed class SimulatorRequestKeyTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PaymentCalls_JournalTheIdempotencyKeyOrElseTheChargedOrder_AndTheLookedUpKey()
    {
        await using var gateway = PaymentGatewaySimulator.Start();
        using var client = new HttpClient { BaseAddress = gateway.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };

        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/charges") { Content = JsonContent.Create(new { orderId = "o1", amount = 1500, currency = "usd" }) })
        {
            request.Headers.Add("Idempotency-Key", "order-o1");
            using var charged = await client.SendAsync(request, Cancellation);
        }

        using (var unkeyed = await client.PostAsync("v1/charges", JsonContent.Create(new { orderId = "o2", amount = 1500 }), Cancellation))
        {
        }

        using (var garbage = await client.PostAsync("v1/charges", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), Cancellation))
        {
        }

        using (var lookup = await client.GetAsync("v1/charges/by-key/order-o1", Cancellation))
        {
        }

        gateway.Journal.Calls.Select(c => (c.Route, c.RequestKey)).ShouldBe(
        [
            (PaymentGatewaySimulator.ChargesRoute, "order-o1"),
            (PaymentGatewaySimulator.ChargesRoute, "order:o2"),
            (PaymentGatewaySimulator.ChargesRoute, null),
            (PaymentGatewaySimulator.LookupRoute, "order-o1"),
        ]);
    }

    [Fact]
    public async Task FaultedCall_StillJournalsItsKey()
    {
        await using var gateway = PaymentGatewaySimulator.Start();
        using var client = new HttpClient { BaseAddress = gateway.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        gateway.Faults.Apply(new FaultRule("down", PaymentGatewaySimulator.ChargesRoute, new FaultSpec { Kind = FaultKind.Status, StatusCode = 503 }));

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/charges") { Content = JsonContent.Create(new { orderId = "o1", amount = 1500 }) };
        request.Headers.Add("Idempotency-Key", "order-o1");
        using var refused = await client.SendAsync(request, Cancellation);

        var call = gateway.Journal.Calls.ShouldHaveSingleItem();
        call.ShouldSatisfyAllConditions(() => call.StatusCode.ShouldBe(503), () => call.Faulted.ShouldBeTrue(), () => call.RequestKey.ShouldBe("order-o1"));
    }

    [Fact]
    public async Task ShipmentCalls_JournalTheShipmentKey()
    {
        await using var host = FulfillmentHostSimulator.Start(new FulfillmentHostSimulatorOptions { Name = "fc-1" });
        using var client = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };

        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/shipments") { Headers = { { "Idempotency-Key", "ship-o1" } }, Content = JsonContent.Create(new { orderId = "o1", amount = 1000 }) })
        {
            using var shipped = await client.SendAsync(request, Cancellation);
        }

        using (var lookup = await client.GetAsync("v1/shipments/by-key/ship-o1", Cancellation))
        {
        }

        host.Journal.Calls.Select(c => c.RequestKey).ShouldBe(["ship-o1", "ship-o1"]);
    }

    [Fact]
    public async Task TokenCall_JournalsTheUsername()
    {
        await using var identity = IdentityProviderSimulator.Start();
        using var client = new HttpClient { BaseAddress = identity.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };

        using var form = new FormUrlEncodedContent([new("grant_type", "password"), new("username", "admin@example.test"), new("password", IdentityProviderSimulatorOptions.DefaultPassword)]);
        using var token = await client.PostAsync("oauth/token", form, Cancellation);

        identity.Journal.Calls.Single(c => c.Route == IdentityProviderSimulator.TokenRoute).RequestKey.ShouldBe("admin@example.test");
    }

    [Fact]
    public void JournalOverTheControlEndpoint_KeepsTheRequestKey()
    {
        var journal = new DependencyJournal("payments.primary", [new DependencyCall(DateTimeOffset.UnixEpoch, "charges", 200, false, "order-o1"), new DependencyCall(DateTimeOffset.UnixEpoch, "capture", 200, false)], []);

        var read = JsonSerializer.Deserialize<DependencyJournal>(JsonSerializer.Serialize(journal, ControlJson.Options), ControlJson.Options)!;

        read.Calls.Select(c => c.RequestKey).ShouldBe(["order-o1", null]);
    }
}
