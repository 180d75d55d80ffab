using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Engine.Faults;
using Chaos.Simulators.Payments;
using Shouldly;
using Xunit;

namespace Chaos.Simulators.Tests.Payments;

public sealed class PaymentGatewaySimulatorTests : IAsyncLifetime
{
    private PaymentGatewaySimulator _gateway = null!;
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _gateway = PaymentGatewaySimulator.Start();
        _client = new HttpClient { BaseAddress = _gateway.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public void Start_DefaultOptions_ListensOnLoopbackOnly()
    {
        _gateway.BaseUrl.Host.ShouldBe("127.0.0.1");
        _gateway.BaseUrl.Port.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Charge_NewKey_CreatesOneChargeAndJournalsIt()
    {
        using var response = await Charge("order-1", "o1", 1500);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var charge = await Read(response);
        charge.GetProperty("orderId").GetString().ShouldBe("o1");
        charge.GetProperty("amount").GetInt64().ShouldBe(1500);
        _gateway.Journal.Charges.Single().OrderId.ShouldBe("o1");
        _gateway.Journal.Calls.Single().Route.ShouldBe(PaymentGatewaySimulator.ChargesRoute);
    }

    [Fact]
    public async Task Charge_SameKeySameBody_ReplaysWithoutSecondCharge()
    {
        using var first = await Charge("order-1", "o1", 1500);
        using var second = await Charge("order-1", "o1", 1500);

        second.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await Read(second)).GetProperty("id").GetString().ShouldBe((await Read(first)).GetProperty("id").GetString());
        _gateway.Journal.Charges.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Charge_SameKeyDifferentBody_IsRejected()
    {
        using var first = await Charge("order-1", "o1", 1500);
        using var second = await Charge("order-1", "o1", 9999);

        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        _gateway.Journal.Charges.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Charge_WithoutKey_ChargesEveryTime()
    {
        using var first = await Charge(null, "o1", 1500);
        using var second = await Charge(null, "o1", 1500);

        _gateway.Journal.Charges.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Charge_ConcurrentDistinctKeys_EachAnswerBelongsToItsOwnOrder()
    {
        var orders = Enumerable.Range(0, 64).Select(i => $"o{i}").ToArray();

        var answers = await Task.WhenAll(orders.Select(async order =>
        {
            using var response = await Charge("order-" + order, order, 1000);
            return (Order: order, Charge: await Read(response));
        }));

        answers.ShouldAllBe(a => a.Charge.GetProperty("orderId").GetString() == a.Order);
        answers.Select(a => a.Charge.GetProperty("id").GetString()).Distinct().Count().ShouldBe(64);
        _gateway.Journal.Charges.Count.ShouldBe(64);
    }

    [Fact]
    public async Task Charge_BadBody_IsBadRequest()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("v1/charges", content, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        _gateway.Journal.Charges.ShouldBeEmpty();
    }

    [Fact]
    public async Task LookUp_ByKey_FindsChargeOr404()
    {
        using var created = await Charge("order-1", "o1", 1500);

        using var found = await _client.GetAsync("v1/charges/by-key/order-1", TestContext.Current.CancellationToken);
        using var missing = await _client.GetAsync("v1/charges/by-key/order-2", TestContext.Current.CancellationToken);

        (await Read(found)).GetProperty("orderId").GetString().ShouldBe("o1");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StatusFault_OnChargesRoute_Answers503WithRetryAfterAndChargesNothing()
    {
        _gateway.Faults.Apply(new FaultRule("outage", "charges", new FaultSpec { Kind = FaultKind.Status, StatusCode = 503, RetryAfter = TimeSpan.FromSeconds(5) }));

        using var response = await Charge("order-1", "o1", 1500);
        using var lookup = await _client.GetAsync("v1/charges/by-key/order-1", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        lookup.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        _gateway.Journal.Charges.ShouldBeEmpty();
        _gateway.Journal.Calls.Select(c => (c.Route, c.StatusCode, c.Faulted)).ShouldBe([("charges", 503, true), ("lookup", 404, false)]);
    }

    [Fact]
    public async Task LatencyFault_ChargesFirstThenAnswersLate()
    {
        _gateway.Faults.Apply(new FaultRule("slow", null, new FaultSpec { Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(600) }));
        using var impatient = new HttpClient { BaseAddress = _gateway.BaseUrl, Timeout = TimeSpan.FromMilliseconds(150) };
        using var body = JsonContent.Create(new { orderId = "o1", amount = 1500, currency = "usd" });

        await Should.ThrowAsync<TaskCanceledException>(() => impatient.PostAsync("v1/charges", body, TestContext.Current.CancellationToken));

        // The client gave up, but the charge exists: an unknown outcome that only the key can settle. On a loaded machine the
        // client can give up before the request has even been read, so wait (bounded) for the charge rather than race it.
        await _gateway.Journal.WhenChargedAsync(1, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        _gateway.Journal.Charges.Single().OrderId.ShouldBe("o1");
    }

    [Fact]
    public async Task ClearedFault_ServesNormallyAgain()
    {
        _gateway.Faults.Apply(new FaultRule("outage", null, new FaultSpec { Kind = FaultKind.Status, StatusCode = 503 }));
        _gateway.Faults.Clear("outage");

        using var response = await Charge("order-1", "o1", 1500);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> Charge(string? key, string orderId, long amount)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/charges") { Content = JsonContent.Create(new { orderId, amount, currency = "usd" }) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await _client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
}
