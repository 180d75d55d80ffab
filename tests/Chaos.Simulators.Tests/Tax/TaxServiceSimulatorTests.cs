using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Engine.Faults;
using Chaos.Simulators.Tax;
using Shouldly;
using Xunit;

namespace Chaos.Simulators.Tests.Tax;

public sealed class TaxServiceSimulatorTests : IAsyncLifetime
{
    private TaxServiceSimulator _tax = null!;
    private HttpClient _client = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _tax = TaxServiceSimulator.Start();
        _client = NewClient(TimeSpan.FromSeconds(10));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _tax.DisposeAsync();
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(1998L, 165L)] // 164.835
    [InlineData(200L, 17L)] // 16.5: half-up, not to even
    [InlineData(600L, 50L)] // 49.5
    [InlineData(1999L, 165L)] // 164.9175
    [InlineData(12L, 1L)] // 0.99
    [InlineData(6L, 0L)] // 0.495
    public void TaxOn_AtTheDefaultRate_RoundsHalfUpToWholeCents(long subtotal, long tax) =>
        TaxServiceSimulator.TaxOn(subtotal, TaxServiceSimulator.DefaultRate).ShouldBe(tax);

    [Fact]
    public void Start_DefaultOptions_ListensOnLoopbackOnly()
    {
        _tax.BaseUrl.Host.ShouldBe("127.0.0.1");
        _tax.Name.ShouldBe("tax");
    }

    [Fact]
    public async Task Quote_TwoLines_AnswersSubtotalTaxAndTotalAndJournalsTheCall()
    {
        using var response = await Quote([("sku-003", 2, 999), ("sku-010", 1, 1)], subtotal: 1999);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var quote = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        quote.GetProperty("quoteId").GetString().ShouldBe("qt_00000001");
        quote.GetProperty("subtotal").GetInt64().ShouldBe(1999);
        quote.GetProperty("tax").GetInt64().ShouldBe(165);
        quote.GetProperty("total").GetInt64().ShouldBe(2164);
        var call = _tax.Journal.Calls.ShouldHaveSingleItem();
        call.Route.ShouldBe(TaxServiceSimulator.QuotesRoute);
        call.StatusCode.ShouldBe(200);
        call.Faulted.ShouldBeFalse();
    }

    [Fact]
    public async Task Quote_SameCartTwice_IsPricedTheSameWithANewQuoteId()
    {
        using var first = await Quote([("sku-001", 3, 1250)], subtotal: 3750);
        using var second = await Quote([("sku-001", 3, 1250)], subtotal: 3750);

        var a = await first.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var b = await second.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        (a.GetProperty("tax").GetInt64(), a.GetProperty("total").GetInt64()).ShouldBe((309L, 4059L)); // 309.375
        (b.GetProperty("tax").GetInt64(), b.GetProperty("total").GetInt64()).ShouldBe((309L, 4059L));
        b.GetProperty("quoteId").GetString().ShouldBe("qt_00000002");
    }

    [Fact]
    public async Task Quote_SubtotalThatIsNotTheSumOfTheLines_Is400()
    {
        using var response = await Quote([("sku-001", 2, 100)], subtotal: 150);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Cancellation)).ShouldContain("subtotal 150 is not the sum of the lines (200)");
    }

    [Fact]
    public async Task Quote_WithoutLines_Is400()
    {
        using var response = await _client.PostAsync("v1/quotes", new StringContent("{\"subtotal\": 0}", System.Text.Encoding.UTF8, "application/json"), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Status500Fault_Answers500WithoutAQuoteAndJournalsItAsFaulted()
    {
        Apply("bad-deploy", new FaultSpec { Kind = FaultKind.Status, StatusCode = 500 });

        using var response = await Quote([("sku-001", 1, 999)], subtotal: 999);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync(Cancellation)).ShouldNotContain("quoteId");
        var call = _tax.Journal.Calls.ShouldHaveSingleItem();
        (call.Route, call.StatusCode, call.Faulted).ShouldBe((TaxServiceSimulator.QuotesRoute, 500, true));
    }

    [Fact]
    public async Task MalformedFault_Answers200WithABodyThatIsNotJson()
    {
        Apply("bad-deploy", new FaultSpec { Kind = FaultKind.Malformed });

        using var response = await Quote([("sku-001", 1, 999)], subtotal: 999);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Should.Throw<JsonException>(() => JsonDocument.Parse(body));
        _tax.Journal.Calls.ShouldHaveSingleItem().Faulted.ShouldBeTrue();
    }

    [Fact]
    public async Task TruncatedFault_CutsTheQuoteMidway()
    {
        Apply("bad-deploy", new FaultSpec { Kind = FaultKind.Truncated });

        using var response = await Quote([("sku-001", 1, 999)], subtotal: 999);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        body.ShouldStartWith("{\"quoteId\":");
        Should.Throw<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task HangFault_HoldsTheQuotePastTheClientsTimeout()
    {
        Apply("bad-deploy", new FaultSpec { Kind = FaultKind.Hang, HangFor = TimeSpan.FromSeconds(30) });
        // Long enough for the request to reach a busy machine's simulator; far shorter than the hang.
        using var impatient = NewClient(TimeSpan.FromSeconds(2));

        await Should.ThrowAsync<TaskCanceledException>(() => impatient.PostAsJsonAsync("v1/quotes", Body([("sku-001", 1, 999)], 999), Cancellation));

        // The simulator notices the client gave up and journals a call it never answered.
        for (var i = 0; i < 100 && _tax.Journal.Calls.Count == 0; i++)
        {
            await Task.Delay(50, Cancellation);
        }

        var call = _tax.Journal.Calls.ShouldHaveSingleItem();
        (call.StatusCode, call.Faulted).ShouldBe((0, true));
    }

    [Fact]
    public async Task ClearedFault_QuotesAgain()
    {
        Apply("bad-deploy", new FaultSpec { Kind = FaultKind.Status, StatusCode = 500 });
        using (var failed = await Quote([("sku-001", 1, 999)], subtotal: 999))
        {
            failed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        }

        _tax.Faults.Clear("bad-deploy");
        using var recovered = await Quote([("sku-001", 1, 999)], subtotal: 999);

        recovered.StatusCode.ShouldBe(HttpStatusCode.OK);
        _tax.Journal.Calls.Select(c => c.StatusCode).ShouldBe([500, 200]);
    }

    [Fact]
    public void Start_RateOutsideZeroToOne_SaysWhichRateToUse()
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => TaxServiceSimulator.Start(new TaxServiceSimulatorOptions { Rate = 8.25m }));

        error.Message.ShouldContain("Tax rate 8.25 is outside [0, 1]; use 0.0825 for 8.25%.");
    }

    private static object Body((string Sku, int Quantity, long UnitPrice)[] lines, long subtotal) => new
    {
        lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity, unitPrice = l.UnitPrice }),
        subtotal,
        currency = "usd",
    };

    private HttpClient NewClient(TimeSpan timeout) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = _tax.BaseUrl, Timeout = timeout };

    private void Apply(string name, FaultSpec fault) => _tax.Faults.Apply(new FaultRule(name, TaxServiceSimulator.QuotesRoute, fault));

    private Task<HttpResponseMessage> Quote((string Sku, int Quantity, long UnitPrice)[] lines, long subtotal) =>
        _client.PostAsJsonAsync("v1/quotes", Body(lines, subtotal), Cancellation);
}
