using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Chaos.Engine.Faults;
using Chaos.Engine.Systems;
using Chaos.Simulators.Mapped;
using Shouldly;
using Xunit;

namespace Chaos.Simulators.Tests.Mapped;

/// <summary>A dependency simulated from WireMock.Net mapping files, with faults per named route and trace ids journalled.</summary>
public sealed class MappedDependencySimulatorTests : IDisposable
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    private readonly string _folder = Directory.CreateTempSubdirectory("chaos-mapped-").FullName;
    private readonly FaultInjector _faults = new(seed: 7);
    private readonly MappedDependencySimulator _bank;
    private readonly HttpClient _client;

    public MappedDependencySimulatorTests()
    {
        File.WriteAllText(Path.Combine(_folder, "transfers.json"), """
            {
              "Request": { "Path": { "Matchers": [{ "Name": "WildcardMatcher", "Pattern": "/v1/transfers" }] }, "Methods": ["POST"] },
              "Response": { "StatusCode": 201, "Headers": { "Content-Type": "application/json" }, "BodyAsJson": { "id": "tr-0001", "status": "completed" } }
            }
            """);
        File.WriteAllText(Path.Combine(_folder, "health.json"), """
            [{ "request": { "path": "/health", "methods": ["GET"] }, "response": { "statusCode": 200, "body": "ok" } }]
            """);
        var dependency = new DependencyDefinition
        {
            Name = "bank",
            MappingFiles = Directory.GetFiles(_folder, "*.json").Order(StringComparer.Ordinal).ToArray(),
            Routes = [new RouteDefinition { Name = "transfers", Method = "POST", PathPattern = "/v1/transfers" }],
        };
        _bank = new MappedDependencySimulator(dependency, "bank", _faults, TimeProvider.System);
        _client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = _bank.BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
    }

    public void Dispose()
    {
        _client.Dispose();
        _bank.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Healthy_ServesTheMappings_AndJournalsRouteAndTraceId()
    {
        using var transfer = await Transfer();
        using var health = await _client.GetAsync("/health", TestContext.Current.CancellationToken);
        using var unknown = await _client.GetAsync("/nowhere", TestContext.Current.CancellationToken);

        transfer.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await transfer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("tr-0001");
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var calls = _bank.Journal.Calls;
        calls.Select(c => (c.Route, c.StatusCode, c.TraceId)).ShouldBe([("transfers", 201, TraceId), ("*", 200, null), ("*", 404, null)]);
    }

    [Fact]
    public async Task StatusFault_OnTheNamedRoute_AnswersTheFault_AndLeavesOtherRoutesHealthy()
    {
        _faults.Apply(new FaultRule("outage", "transfers", new FaultSpec { Kind = FaultKind.Status, StatusCode = 503 }));

        using var transfer = await Transfer();
        using var health = await _client.GetAsync("/health", TestContext.Current.CancellationToken);

        transfer.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        _bank.Journal.Calls[0].ShouldSatisfyAllConditions(c => c.Faulted.ShouldBeTrue(), c => c.TraceId.ShouldBe(TraceId));
    }

    [Fact]
    public async Task LatencyFault_DelaysTheMappedAnswer()
    {
        _faults.Apply(new FaultRule("slow", "transfers", new FaultSpec { Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(400) }));

        var watch = Stopwatch.StartNew();
        using var transfer = await Transfer();
        watch.Stop();

        transfer.StatusCode.ShouldBe(HttpStatusCode.Created);
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(380));
    }

    [Fact]
    public async Task HangFault_HoldsTheMappedRouteThenAnswers504_AndLeavesOtherRoutesHealthy()
    {
        _faults.Apply(new FaultRule("stuck", "transfers", new FaultSpec { Kind = FaultKind.Hang, HangFor = TimeSpan.FromSeconds(1) }));

        var watch = Stopwatch.StartNew();
        var held = Transfer();
        using (var health = await _client.GetAsync("/health", TestContext.Current.CancellationToken))
        {
            health.StatusCode.ShouldBe(HttpStatusCode.OK);
            held.IsCompleted.ShouldBeFalse("the held transfer must not be answered before the health check that came after it");
        }

        using var transfer = await held;
        watch.Stop();

        transfer.StatusCode.ShouldBe(HttpStatusCode.GatewayTimeout);
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
        _bank.Journal.Calls.Single(c => c.Route == "transfers").Faulted.ShouldBeTrue();
    }

    [Fact]
    public async Task TruncatedFault_CutsTheMappedBody()
    {
        _faults.Apply(new FaultRule("cut", "transfers", new FaultSpec { Kind = FaultKind.Truncated }));

        using var transfer = await Transfer();
        var body = await transfer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        transfer.StatusCode.ShouldBe(HttpStatusCode.Created);
        body.ShouldStartWith("{");
        body.ShouldNotContain("completed");
    }

    [Fact]
    public async Task HostDown_ClosesThePort_AndTheMappingsComeBackWithIt()
    {
        var rule = new FaultRule("down", null, new FaultSpec { Kind = FaultKind.HostDown });
        _faults.Apply(rule);
        using (var tcp = new TcpClient())
        {
            await Should.ThrowAsync<SocketException>(() => tcp.ConnectAsync(_bank.BaseUrl.Host, _bank.BaseUrl.Port, TestContext.Current.CancellationToken).AsTask());
        }

        _faults.Clear(rule.Name);
        using var transfer = await Transfer();

        transfer.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private async Task<HttpResponseMessage> Transfer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/transfers") { Content = JsonContent.Create(new { amount = 1200 }) };
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{TraceId}-00f067aa0ba902b7-01");
        return await _client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
