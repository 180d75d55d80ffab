using System.Net;
using System.Net.Sockets;
using System.Text;
using Chaos.Engine.Journeys.Http;
using Chaos.Engine.Load;
using Chaos.Engine.Systems;
using Chaos.Engine.Tests.Systems;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Journeys.Http;

/// <summary><see cref="HttpStepJourneys"/>: steps in order with captures, one trace id per journey, storefront outcome semantics.</summary>
public sealed class HttpStepJourneysTests : IDisposable
{
    private static readonly Uri Service = new("http://127.0.0.1:9/");
    private readonly SystemFolder _folder = new();
    private readonly SystemDefinition _system;

    public HttpStepJourneysTests()
    {
        var result = SystemLoader.LoadFile(_folder.FilePath);
        result.Errors.ShouldBeEmpty();
        _system = result.System!;
    }

    public void Dispose() => _folder.Dispose();

    private HttpStepJourneys Runner(FakeHandler handler, TimeSpan? timeout = null, JourneyTraceLedger? traces = null) =>
        new(_system.Journeys, Service, "run-1", timeout ?? TimeSpan.FromSeconds(5), 8, traces, handler);

    [Fact]
    public async Task RunAsync_HealthyService_SendsEachStepWithRenderedTemplatesAndCaptures()
    {
        var handler = new FakeHandler((request, _) => request.RequestUri!.AbsolutePath == "/payments"
            ? Json(HttpStatusCode.Created, """{"paymentId":"p-17","items":[{"sku":"sku-3"}]}""")
            : Json(HttpStatusCode.OK, """{"status":"done"}"""));
        using var runner = Runner(handler);

        var result = await runner.RunAsync("pay", new VirtualUser(5, 1234), TestContext.Current.CancellationToken);

        result.ShouldBe(new JourneyResult(OutcomeKind.Success, 200));
        handler.Requests.Count.ShouldBe(2);
        var pay = handler.Requests[0];
        pay.Method.ShouldBe("POST");
        pay.Uri.ShouldBe("http://127.0.0.1:9/payments");
        pay.Headers["X-User"].ShouldBe("user-5");
        pay.Headers["Content-Type"].ShouldBe("application/json; charset=utf-8");
        pay.Body.ShouldNotBeNull().ShouldContain("\"note\":\"run run-1\"");
        handler.Requests[1].Uri.ShouldBe("http://127.0.0.1:9/payments/p-17");
        handler.Requests[1].Body.ShouldBeNull();
    }

    [Fact]
    public async Task RunAsync_EveryRequestOfAJourney_CarriesOneTraceIdAndItsOwnSpan()
    {
        var handler = new FakeHandler((request, _) => Json(request.RequestUri!.AbsolutePath == "/payments" ? HttpStatusCode.Created : HttpStatusCode.OK, """{"paymentId":"p-1","items":[{"sku":"a"}]}"""));
        var traces = new JourneyTraceLedger();
        using var runner = Runner(handler, traces: traces);
        var user = new VirtualUser(1, 99);

        await runner.RunAsync("pay", user, TestContext.Current.CancellationToken);
        await runner.RunAsync("pay", user, TestContext.Current.CancellationToken);

        var parents = handler.Requests.Select(r => r.Headers["traceparent"]).ToArray();
        parents.ShouldAllBe(p => System.Text.RegularExpressions.Regex.IsMatch(p, "^00-[0-9a-f]{32}-[0-9a-f]{16}-01$"));
        var traceIds = parents.Select(p => p[3..35]).ToArray();
        traceIds[0].ShouldBe(traceIds[1]);
        traceIds[2].ShouldBe(traceIds[3]);
        traceIds[2].ShouldNotBe(traceIds[0]);
        parents.Select(p => p[36..52]).Distinct().Count().ShouldBe(4);

        traces.Snapshot().Select(t => (t.Journey, t.TraceId, t.UserId, t.Outcome)).ShouldBe(
            [("pay", traceIds[0], 1, OutcomeKind.Success), ("pay", traceIds[2], 1, OutcomeKind.Success)]);
        traces.TryFind(traceIds[2], out var found).ShouldBeTrue();
        found.TraceId.ShouldBe(traceIds[2]);
    }

    [Fact]
    public async Task RunAsync_SameSeed_SendsTheSameTraceIdsAndBodies()
    {
        async Task<string[]> Sent()
        {
            var handler = new FakeHandler((request, _) => Json(HttpStatusCode.Created, """{"paymentId":"p-1","items":[{"sku":"a"}]}"""));
            using var runner = Runner(handler);
            await runner.RunAsync("pay", new VirtualUser(3, 2026), TestContext.Current.CancellationToken);
            return [.. handler.Requests.Select(r => r.Headers["traceparent"] + r.Body)];
        }

        (await Sent()).ShouldBe(await Sent());
    }

    [Theory]
    [InlineData(503, true, OutcomeKind.Degraded)]
    [InlineData(429, true, OutcomeKind.Degraded)]
    [InlineData(503, false, OutcomeKind.HttpError)]
    [InlineData(500, false, OutcomeKind.HttpError)]
    [InlineData(200, false, OutcomeKind.HttpError)] // the first step succeeds only with 201
    public async Task RunAsync_FailingStep_IsClassifiedAndStopsTheJourney(int status, bool retryAfter, OutcomeKind expected)
    {
        var handler = new FakeHandler((_, _) =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent("{}") };
            if (retryAfter)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(5));
            }

            return response;
        });
        var traces = new JourneyTraceLedger();
        using var runner = Runner(handler, traces: traces);

        var result = await runner.RunAsync("pay", new VirtualUser(1, 1), TestContext.Current.CancellationToken);

        result.ShouldBe(new JourneyResult(expected, status, $"pay: {status}"));
        handler.Requests.Count.ShouldBe(1);
        traces.Snapshot().ShouldHaveSingleItem().Outcome.ShouldBe(expected);
    }

    [Fact]
    public async Task RunAsync_DeclaredDegradedStatus_IsDegradedWithoutRetryAfter()
    {
        var yaml = SystemFolder.Valid.Replace("success: [201]", "success: [201]\n        degraded: [409]", StringComparison.Ordinal);
        var system = SystemLoader.Parse(yaml, _folder.FilePath).System.ShouldNotBeNull();
        var handler = new FakeHandler((_, _) => new HttpResponseMessage(HttpStatusCode.Conflict));
        using var runner = new HttpStepJourneys(system.Journeys, Service, "run-1", TimeSpan.FromSeconds(5), 8, null, handler);

        var result = await runner.RunAsync("pay", new VirtualUser(1, 1), TestContext.Current.CancellationToken);

        result.ShouldBe(new JourneyResult(OutcomeKind.Degraded, 409, "pay: 409"));
    }

    [Theory]
    [InlineData("""{"paymentId":"p-1"}""", "pay: capture firstSku: $.items[0].sku is not in the answer")]
    [InlineData("not json", "pay: the answer is not JSON, so paymentId cannot be captured")]
    public async Task RunAsync_CaptureNotInTheAnswer_IsAnHttpErrorNamingIt(string body, string detail)
    {
        var handler = new FakeHandler((_, _) => Json(HttpStatusCode.Created, body));
        using var runner = Runner(handler);

        var result = await runner.RunAsync("pay", new VirtualUser(1, 1), TestContext.Current.CancellationToken);

        result.ShouldBe(new JourneyResult(OutcomeKind.HttpError, 201, detail));
        handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_AnswerSlowerThanTheRequestTimeout_IsATimeoutNamingTheStep()
    {
        var handler = new FakeHandler(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var runner = Runner(handler, timeout: TimeSpan.FromMilliseconds(150));

        var result = await runner.RunAsync("pay", new VirtualUser(1, 1), TestContext.Current.CancellationToken);

        result.ShouldBe(new JourneyResult(OutcomeKind.Timeout, 0, "pay: request timed out"));
    }

    [Fact]
    public async Task RunAsync_RunCancelled_Throws()
    {
        var handler = new FakeHandler(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var runner = Runner(handler);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Should.ThrowAsync<OperationCanceledException>(async () => await runner.RunAsync("pay", new VirtualUser(1, 1), cancel.Token));
    }

    [Fact]
    public async Task RunAsync_ConnectionRefused_IsAConnectionError()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var runner = new HttpStepJourneys(_system.Journeys, new Uri($"http://127.0.0.1:{port}"), "run-1", TimeSpan.FromSeconds(5), 8);

        var result = await runner.RunAsync("pay", new VirtualUser(1, 1), TestContext.Current.CancellationToken);

        result.ShouldBe(new JourneyResult(OutcomeKind.ConnectionError, 0, "pay: ConnectionError"));
        runner.Traces.Snapshot().ShouldHaveSingleItem().Outcome.ShouldBe(OutcomeKind.ConnectionError);
    }

    [Fact]
    public async Task RunAsync_UnknownJourney_IsAnHttpErrorNamingIt()
    {
        using var runner = Runner(new FakeHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK)));

        var result = await runner.RunAsync("refund", new VirtualUser(1, 1), TestContext.Current.CancellationToken);

        result.ShouldBe(new JourneyResult(OutcomeKind.HttpError, 0, "unknown journey 'refund'"));
    }

    [Fact]
    public async Task RunAsync_OverRealSockets_TheServerReceivesTheJourneysTraceParent()
    {
        var (server, port) = StartHttpListener();
        using var _ = server;
        var received = new List<string>();
        var serving = Task.Run(async () =>
        {
            for (var request = 0; request < 2; request++)
            {
                var context = await server.GetContextAsync();
                received.Add(context.Request.Headers["traceparent"] ?? "");
                context.Response.StatusCode = request == 0 ? 201 : 200;
                var bytes = Encoding.UTF8.GetBytes(request == 0 ? """{"paymentId":"p-1","items":[{"sku":"a"}]}""" : "{}");
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes, TestContext.Current.CancellationToken);
                context.Response.Close();
            }
        }, TestContext.Current.CancellationToken);
        using var runner = new HttpStepJourneys(_system.Journeys, new Uri($"http://127.0.0.1:{port}"), "run-1", TimeSpan.FromSeconds(5), 1);

        var result = await runner.RunAsync("pay", new VirtualUser(1, 1), TestContext.Current.CancellationToken);
        await serving.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        result.Outcome.ShouldBe(OutcomeKind.Success, result.Detail);
        received.Count.ShouldBe(2);
        received[0][3..35].ShouldBe(runner.Traces.Snapshot().ShouldHaveSingleItem().TraceId);
        received[1][3..35].ShouldBe(received[0][3..35]);
    }

    /// <summary>
    /// An <see cref="HttpListener"/> on a free port of 127.0.0.1. It cannot be given port 0, so the port is one the
    /// system just handed out; when something else takes it first (an outgoing connection of a test running alongside
    /// takes such ports), it tries another, a bounded number of times.
    /// </summary>
    private static (HttpListener Server, int Port) StartHttpListener()
    {
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var server = new HttpListener();
            server.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                server.Start();
                return (server, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                server.Close();
            }
        }
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>Answers with a function and records what was sent (headers flattened, body as text).</summary>
    private sealed class FakeHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        public FakeHandler(Func<HttpRequestMessage, CancellationToken, HttpResponseMessage> answer)
            : this((request, cancellationToken) => Task.FromResult(answer(request, cancellationToken)))
        {
        }

        public List<SentRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Requests)
            {
                Requests.Add(new SentRequest(request.Method.Method, request.RequestUri!.AbsoluteUri, headers, body));
            }

            return await answer(request, cancellationToken);
        }
    }

    private sealed record SentRequest(string Method, string Uri, Dictionary<string, string> Headers, string? Body);
}
