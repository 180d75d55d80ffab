using System.Buffers;
using System.Diagnostics;
using System.Net;
using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests.Load;

/// <summary>
/// The load engine on the real clock over real HTTP: a Kestrel endpoint on 127.0.0.1 at a free port and an HttpClient
/// journey. The engine's own unit tests stay socket-free; these check what only real sockets and timers can show. The pacing
/// at 1,000 and 5,000 arrivals/s on the wall clock is a benchmark (bench/run.sh prints it; docs/benchmarks.md); its logic is
/// tested on a fake clock in tests/Chaos.Engine.Tests/Load/LoadEngineTests.cs.
/// One class in a collection that runs alone, so its tests never compete with each other or anything else for the two cores.
/// </summary>
[Collection(nameof(MachineSaturating))]
public sealed class LoadEngineHttpTests
{
    private const string Journey = "get";

    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_EndpointStallsForOneSecond_P99CountsTheStallFromTheIntendedStart()
    {
        // 200 arrivals/s for 6 s; every request the endpoint receives between 2 s and 3 s waits until 3 s. An arrival
        // intended at t in that window waits 3 - t, so the window's latencies spread from about 1 s down to 0; a
        // measurement from the actual send of a closed loop would have sent (and measured) one request in that second.
        var stallFrom = TimeSpan.FromSeconds(2);
        var stallTo = TimeSpan.FromSeconds(3);
        var clock = new Stopwatch();
        var sinceRunAsync = new Stopwatch();
        var armed = 0;
        var startDelay = TimeSpan.Zero;
        await using var endpoint = await Endpoint.StartAsync(async () =>
        {
            // The stall's clock starts with the run's first request (the arrival due at 0), so that the engine's set-up
            // (JIT of its first run, under a loaded machine tens of milliseconds) does not move the stall into "before".
            if (Volatile.Read(ref armed) == 1 && Interlocked.Exchange(ref armed, 2) == 1)
            {
                startDelay = sinceRunAsync.Elapsed;
                clock.Start();
            }

            var now = clock.Elapsed;
            if (now >= stallFrom && now < stallTo)
            {
                await Task.Delay(stallTo - now);
            }
        }, _cancellationToken);
        using var journey = new GetJourney(endpoint.Uri, maxConnections: 512);
        await journey.WarmUpAsync(_cancellationToken);
        var plan = Plan(seconds: 6, rate: 200, maxInFlight: 1000);
        var recorder = new RunRecorder([Journey]);

        sinceRunAsync.Start();
        Volatile.Write(ref armed, 1);
        var summary = await new LoadEngine(TimeProvider.System)
            .RunAsync(plan, journey, recorder, _cancellationToken, drainInFlight: TimeSpan.FromSeconds(10))
            .WaitAsync(TimeSpan.FromSeconds(30), _cancellationToken);

        var run = recorder.Summarize(null, TimeSpan.Zero, TimeSpan.FromSeconds(6));
        var before = recorder.Summarize(null, TimeSpan.Zero, stallFrom);
        var stalled = recorder.Summarize(null, stallFrom, stallTo);
        Log($"stall: first request {startDelay.TotalMilliseconds:F1} ms after RunAsync; started {summary.Started}, dropped {summary.Dropped}; p99 run {run.P99Seconds:F3} s, before the stall {before.P99Seconds:F3} s, "
            + $"stall window p50 {stalled.P50Seconds:F3} s / p99 {stalled.P99Seconds:F3} s / max {stalled.MaxSeconds:F3} s; server max concurrent {endpoint.MaxConcurrent}");
        summary.ShouldBe(summary with { Scheduled = 1200, Started = 1200, Dropped = 0 });
        run.Succeeded.ShouldBe(1200);
        run.P99Seconds.ShouldBeGreaterThanOrEqualTo(0.5, "the 1 s stall must show in the run's p99");
        stalled.Count.ShouldBe(200);
        stalled.P99Seconds.ShouldBeGreaterThanOrEqualTo(0.9);
        stalled.P50Seconds.ShouldBeInRange(0.3, 0.8);
        before.P99Seconds.ShouldBeLessThan(0.5, "before the stall the endpoint answers fast");
    }

    [Fact]
    public async Task RunAsync_SlowEndpointAndSmallBound_NeverExceedsTheBoundAndReportsTheDropped()
    {
        // 1,000 arrivals/s for 2 s against 20 ms answers with at most 8 in flight: about 400/s can start, the rest are dropped.
        const int maxInFlight = 8;
        await using var endpoint = await Endpoint.StartAsync(() => Task.Delay(20), _cancellationToken);
        using var http = new GetJourney(endpoint.Uri, maxConnections: 64);
        await http.WarmUpAsync(_cancellationToken);
        var journey = new CountingJourney(http);
        var plan = Plan(seconds: 2, rate: 1_000, maxInFlight: maxInFlight);
        var recorder = new RunRecorder([Journey]);
        endpoint.ResetMaxConcurrent();

        var summary = await new LoadEngine(TimeProvider.System)
            .RunAsync(plan, journey, recorder, _cancellationToken, drainInFlight: TimeSpan.FromSeconds(10))
            .WaitAsync(TimeSpan.FromSeconds(30), _cancellationToken);

        var window = recorder.Summarize(null, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Log($"bound {maxInFlight}: scheduled {summary.Scheduled}, started {summary.Started}, dropped {summary.Dropped}, "
            + $"max in flight {journey.MaxConcurrent} (server {endpoint.MaxConcurrent})");
        summary.Scheduled.ShouldBe(2_000);
        (summary.Started + summary.Dropped).ShouldBe(summary.Scheduled);
        summary.Dropped.ShouldBeGreaterThan(500);
        journey.Started.ShouldBe(summary.Started);
        journey.MaxConcurrent.ShouldBe(maxInFlight, "the bound was reached, never exceeded");
        endpoint.MaxConcurrent.ShouldBeLessThanOrEqualTo(maxInFlight);
        window.Count.ShouldBe(2_000);
        window.ByOutcome[OutcomeKind.Dropped].ShouldBe(summary.Dropped);
        window.Succeeded.ShouldBe(summary.Started);
    }

    private static LoadPlan Plan(double seconds, double rate, int maxInFlight) =>
        new([new LoadPhase("baseline", TimeSpan.FromSeconds(seconds), rate, rate)], new Dictionary<string, int> { [Journey] = 1 }, maxInFlight, Seed: 42);

    private static void Log(string message) => TestContext.Current.TestOutputHelper?.WriteLine(message);

    /// <summary>Kestrel on 127.0.0.1 at a free port: <c>GET /</c> runs an optional delay, then answers a short text.</summary>
    private sealed class Endpoint : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _concurrent;
        private int _maxConcurrent;

        private Endpoint(WebApplication app) => _app = app;

        public Uri Uri { get; private set; } = null!;

        /// <summary>Gets the most requests the handler held at once.</summary>
        public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

        public static async Task<Endpoint> StartAsync(Func<Task>? delay, CancellationToken cancellationToken)
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(options =>
            {
                options.AddServerHeader = false;
                options.Listen(IPAddress.Loopback, 0);
            });
            var app = builder.Build();
            var endpoint = new Endpoint(app);
            app.MapGet("/", async () =>
            {
                Raise(ref endpoint._maxConcurrent, Interlocked.Increment(ref endpoint._concurrent));
                try
                {
                    if (delay is not null)
                    {
                        await delay();
                    }

                    return "hello from chaos";
                }
                finally
                {
                    Interlocked.Decrement(ref endpoint._concurrent);
                }
            });
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            endpoint.Uri = new Uri($"http://127.0.0.1:{new Uri(address).Port}/");
            return endpoint;
        }

        public void ResetMaxConcurrent() => Volatile.Write(ref _maxConcurrent, 0);

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>One <c>GET /</c> read to its end through an HttpClient, as the storefront journeys send.</summary>
    private sealed class GetJourney : IJourneyRunner, IDisposable
    {
        private readonly HttpClient _client;
        private readonly Uri _uri;

        public GetJourney(Uri uri, int maxConnections)
        {
            _uri = uri;
            _client = new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = maxConnections,
                UseCookies = false,
                AllowAutoRedirect = false,
                UseProxy = false,
                ActivityHeadersPropagator = null,
            })
            {
                Timeout = TimeSpan.FromSeconds(10),
            };
        }

        /// <summary>A few requests first, so that neither JIT nor the first connection counts in a run.</summary>
        public async Task WarmUpAsync(CancellationToken cancellationToken)
        {
            for (var i = 0; i < 20; i++)
            {
                (await RunAsync(Journey, new VirtualUser(0, 1), cancellationToken)).Outcome.ShouldBe(OutcomeKind.Success);
            }
        }

        public async ValueTask<JourneyResult> RunAsync(string journey, VirtualUser user, CancellationToken cancellationToken)
        {
            using var response = await _client.GetAsync(_uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var buffer = ArrayPool<byte>.Shared.Rent(1024);
            try
            {
                var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                while (await body.ReadAsync(buffer, cancellationToken) > 0)
                {
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? JourneyResult.Ok(status) : new JourneyResult(OutcomeKind.HttpError, status, "GET / answered " + status);
        }

        public void Dispose() => _client.Dispose();
    }

    /// <summary>Counts the journeys the engine starts and the most in flight at once.</summary>
    private sealed class CountingJourney(IJourneyRunner inner) : IJourneyRunner
    {
        private long _started;
        private int _running;
        private int _maxConcurrent;

        public long Started => Interlocked.Read(ref _started);

        public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

        public async ValueTask<JourneyResult> RunAsync(string journey, VirtualUser user, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _started);
            Raise(ref _maxConcurrent, Interlocked.Increment(ref _running));
            try
            {
                return await inner.RunAsync(journey, user, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }

    private static void Raise(ref int max, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, value, seen) != seen)
        {
        }
    }
}
