using Chaos.Engine.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Telemetry;

/// <summary>A real Polly pipeline from DI (telemetry on), failing against a stub: its meter reaches the in-process source.</summary>
public sealed class MeterResilienceTelemetrySourceTests
{
    [Fact]
    public async Task Pipeline_FailingAgainstAStub_ReportsItsRetriesAndItsCircuitOpeningByName()
    {
        // A name of its own: the listener sees every Polly pipeline in the test process.
        var name = "bank-" + Guid.NewGuid().ToString("N")[..8];
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero));
        await using var source = ResilienceTelemetry.InProcess(time);
        (await source.StartAsync(TestContext.Current.CancellationToken)).ShouldBe(ResilienceTelemetryStatus.Available);
        var services = new ServiceCollection();
        services.AddResiliencePipeline(name, b => b
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.Zero,
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(5),
            }));
        await using var provider = services.BuildServiceProvider();
        var pipeline = provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(name);
        var calls = 0;
        time.Advance(TimeSpan.FromSeconds(3));

        // The stub bank fails every call: two attempts fail, the breaker opens on the second, the third is refused.
        await Should.ThrowAsync<BrokenCircuitException>(async () => await pipeline.ExecuteAsync<int>(
            _ =>
            {
                calls++;
                throw new HttpRequestException("the stub bank is down");
            },
            TestContext.Current.CancellationToken));

        calls.ShouldBe(2);
        source.Status.ShouldBe(ResilienceTelemetryStatus.Available);
        var mine = source.Events.Where(e => e.Pipeline == name).ToList();
        ResilienceTimeline.RetriesByPipeline(mine)[name].ShouldBe(2);
        var opened = mine.Where(e => e.EventName == ResilienceEventNames.OnCircuitOpened).ShouldHaveSingleItem();
        opened.At.ShouldBe(time.GetUtcNow());
        ResilienceTimeline.TimeToCircuitOpen(mine, name, time.GetUtcNow() - TimeSpan.FromSeconds(3)).ShouldBe(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Source_BeforeStart_IsNotStartedAndHasNoEvents()
    {
        await using var source = ResilienceTelemetry.InProcess(TimeProvider.System);

        source.Status.IsAvailable.ShouldBeFalse();
        source.Events.ShouldBeEmpty();
    }
}
