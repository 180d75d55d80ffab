using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Chaos.Engine.Faults;
using Chaos.Simulators.Payments;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Chaos.Simulators.Tests.Hosting;

/// <summary>Every fault kind as a real HttpClient sees it, with the payment gateway as the vehicle.</summary>
public sealed class SimulatorFaultRenderingTests : IAsyncLifetime
{
    private PaymentGatewaySimulator _gateway = null!;
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _gateway = PaymentGatewaySimulator.Start();
        _client = NewClient(_gateway, TimeSpan.FromSeconds(5));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task Status_WithRetryAfter_AnswersTheCodeAndTheHeaderWithoutCharging()
    {
        Apply("outage", new FaultSpec { Kind = FaultKind.Status, StatusCode = 429, RetryAfter = TimeSpan.FromSeconds(7) });

        using var response = await Charge("k1");

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromSeconds(7));
        _gateway.Journal.Charges.ShouldBeEmpty();
    }

    [Fact]
    public async Task Latency_Uniform_AnswersWithinTheBounds()
    {
        Apply("slow", new FaultSpec
        {
            Kind = FaultKind.Latency,
            Distribution = LatencyDistribution.Uniform,
            MinDelay = TimeSpan.FromMilliseconds(150),
            MaxDelay = TimeSpan.FromMilliseconds(300),
        });

        for (var i = 0; i < 4; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await Charge($"k{i}");
            watch.Stop();

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(140));

            // Only a gross overrun: the distribution is the injector's (FaultInjectorKindsTests), and a busy machine adds its own.
            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task Latency_LongTail_IsCappedAtItsMax()
    {
        Apply("tail", new FaultSpec
        {
            Kind = FaultKind.Latency,
            Distribution = LatencyDistribution.LongTail,
            P50 = TimeSpan.FromMilliseconds(20),
            P99 = TimeSpan.FromMilliseconds(150),
            MaxDelay = TimeSpan.FromMilliseconds(200),
        });

        // The cap itself is the injector's (FaultInjectorKindsTests.Decide_LongTailWithCap_NeverPassesTheCap, over many
        // draws); here the simulator serves every delayed charge and journals it as faulted. A wall-clock bound on five
        // requests measured the machine's load, not the cap.
        for (var i = 0; i < 5; i++)
        {
            using var response = await Charge($"k{i}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        _gateway.Journal.Calls.Count.ShouldBe(5);
        _gateway.Journal.Calls.ShouldAllBe(c => c.Faulted);
    }

    [Fact]
    public async Task Hang_LongerThanTheClientTimeout_TimesTheClientOut()
    {
        Apply("hang", new FaultSpec { Kind = FaultKind.Hang, HangFor = TimeSpan.FromSeconds(30) });
        using var impatient = NewClient(_gateway, TimeSpan.FromMilliseconds(200));

        var watch = Stopwatch.StartNew();
        await Should.ThrowAsync<TaskCanceledException>(() => impatient.PostAsJsonAsync("v1/charges", new { orderId = "o1", amount = 100 }, TestContext.Current.CancellationToken));

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "the client gave up long before the 30 s hang ended");
        _gateway.Journal.Charges.ShouldBeEmpty();
    }

    [Fact]
    public async Task Hang_ShorterThanTheClientTimeout_Answers504AfterTheHold()
    {
        Apply("hang", new FaultSpec { Kind = FaultKind.Hang, HangFor = TimeSpan.FromMilliseconds(300) });

        var watch = Stopwatch.StartNew();
        using var response = await Charge("k1");

        response.StatusCode.ShouldBe(HttpStatusCode.GatewayTimeout);
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));
        _gateway.Journal.Calls.Single().StatusCode.ShouldBe(504);
    }

    [Fact]
    public async Task Abort_ResetsTheConnectionWithoutAnAnswer()
    {
        Apply("reset", new FaultSpec { Kind = FaultKind.Abort });
        await Should.ThrowAsync<HttpRequestException>(() => Charge("k1"));

        _gateway.Journal.Calls.Single().StatusCode.ShouldBe(0);
        _gateway.Journal.Charges.ShouldBeEmpty();
    }

    [Fact]
    public async Task Malformed_Answers200WithABodyThatIsNotJson()
    {
        Apply("garbage", new FaultSpec { Kind = FaultKind.Malformed });

        using var response = await Charge("k1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Should.Throw<JsonException>(() => JsonDocument.Parse(body));
        _gateway.Journal.Charges.ShouldBeEmpty();
    }

    [Fact]
    public async Task Truncated_ServesTheChargeButCutsItsJson()
    {
        Apply("cut", new FaultSpec { Kind = FaultKind.Truncated });

        using var response = await Charge("k1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        body.ShouldStartWith("{");
        Should.Throw<JsonException>(() => JsonDocument.Parse(body));
        _gateway.Journal.Charges.Count.ShouldBe(1); // the work was done: an unknown outcome for the client
    }

    [Fact]
    public async Task HostDown_RefusesConnectionsThenServesAgainOnTheSamePortWhenCleared()
    {
        var port = _gateway.BaseUrl.Port;
        Apply("down", new FaultSpec { Kind = FaultKind.HostDown });

        var refused = await Should.ThrowAsync<HttpRequestException>(() => Charge("k1"));
        (refused.InnerException as SocketException)?.SocketErrorCode.ShouldBe(SocketError.ConnectionRefused);

        _gateway.Faults.Clear("down");
        using var response = await Charge("k2");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _gateway.BaseUrl.Port.ShouldBe(port);
    }

    [Fact]
    public async Task HostDown_AtZeroRate_LeavesTheHostUp()
    {
        Apply("down", new FaultSpec { Kind = FaultKind.HostDown, InjectionRate = 0 });

        using var response = await Charge("k1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Flapping_AlternatesRefusalsAndAnswers()
    {
        // On the simulator's own clock: down 0.3 s, up 0.7 s, seen by real connection attempts between steps of the clock.
        var time = new FakeTimeProvider();
        await using var gateway = PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions { TimeProvider = time });
        gateway.Faults.Apply(new FaultRule("boot-loop", null, new FaultSpec { Kind = FaultKind.Flapping, DownFor = TimeSpan.FromMilliseconds(300), UpFor = TimeSpan.FromMilliseconds(700) }));

        var states = new List<bool> { await Accepts(gateway.BaseUrl) };
        foreach (var step in new[] { 300, 700 })
        {
            time.Advance(TimeSpan.FromMilliseconds(step));
            states.Add(await Accepts(gateway.BaseUrl));
        }

        gateway.Faults.Clear("boot-loop");
        states.ShouldBe([false, true, false]);
        (await Accepts(gateway.BaseUrl)).ShouldBeTrue();
    }

    [Fact]
    public async Task SameSeed_ReplaysTheSameDecisions()
    {
        await using var other = PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions { Seed = 1 });
        using var otherClient = NewClient(other, TimeSpan.FromSeconds(5));
        var flaky = new FaultRule("flaky", null, new FaultSpec { Kind = FaultKind.Status, StatusCode = 503, InjectionRate = 0.5 });
        _gateway.Faults.Apply(flaky);
        other.Faults.Apply(flaky);

        var first = new List<int>();
        var second = new List<int>();
        for (var i = 0; i < 16; i++)
        {
            using var a = await _client.GetAsync($"v1/charges/by-key/k{i}", TestContext.Current.CancellationToken);
            using var b = await otherClient.GetAsync($"v1/charges/by-key/k{i}", TestContext.Current.CancellationToken);
            first.Add((int)a.StatusCode);
            second.Add((int)b.StatusCode);
        }

        second.ShouldBe(first);
        first.ShouldContain(503);
        first.ShouldContain(404);
    }

    private static HttpClient NewClient(PaymentGatewaySimulator gateway, TimeSpan timeout) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = gateway.BaseUrl, Timeout = timeout };

    private static async Task<bool> Accepts(Uri url)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(url.Host, url.Port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Apply(string name, FaultSpec fault) => _gateway.Faults.Apply(new FaultRule(name, null, fault));

    private async Task<HttpResponseMessage> Charge(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/charges") { Content = JsonContent.Create(new { orderId = "o-" + key, amount = 100 }) };
        request.Headers.Add("Idempotency-Key", key);
        return await _client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
