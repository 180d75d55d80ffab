using Chaos.Engine.Running;
using Chaos.Engine.Systems;
using Chaos.Engine.Telemetry;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Running;

/// <summary>
/// <see cref="TelemetryCircuitObserver"/>: a dependency's circuit is its declared Polly pipeline's, named after the
/// dependency; where the telemetry cannot say, the reason names what to change, and no circuit is invented.
/// </summary>
public sealed class TelemetryCircuitObserverTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task Transitions_OfTheDeclaredPipeline_AreTheDependencysFromClosed()
    {
        var source = new FakeSource(
            Event(-1, "BankClient-standard", ResilienceEventNames.OnRetry),
            Event(2, "BankClient-standard", ResilienceEventNames.OnCircuitOpened),
            Event(2, "Other-standard", ResilienceEventNames.OnCircuitOpened),
            Event(7, "BankClient-standard", ResilienceEventNames.OnCircuitHalfOpened),
            Event(7.25, "BankClient-standard", ResilienceEventNames.OnCircuitClosed));
        var observer = TelemetryCircuitObserver.Reading(System("BankClient"), source, _time);

        await MarkLoadStartAsync(observer);

        observer.Transitions().Select(t => (t.Dependency, t.At.TotalSeconds, t.State)).ShouldBe(
        [
            ("bank", 0, "closed"),
            ("bank", 2, "open"),
            ("bank", 7, "half-open"),
            ("bank", 7.25, "closed"),
        ]);
        observer.NotMeasured("bank").ShouldBeNull();
    }

    [Fact]
    public async Task Transitions_BeforeTheLoadStarted_AreNone()
    {
        var observer = TelemetryCircuitObserver.Reading(System("BankClient-standard"), new FakeSource(Event(1, "BankClient-standard", ResilienceEventNames.OnCircuitOpened)), _time);

        observer.Transitions().ShouldBeEmpty();
        await MarkLoadStartAsync(observer);
        observer.Transitions().ShouldContain(t => t.State == "open");
    }

    [Fact]
    public void NotMeasured_APipelineThatReportedNothing_NamesThePipelinesThatDid()
    {
        var observer = TelemetryCircuitObserver.Reading(System("BankClnt"), new FakeSource(Event(1, "BankClient-standard", ResilienceEventNames.OnRetry)), _time);

        var reason = observer.NotMeasured("bank").ShouldNotBeNull();

        reason.ShouldContain("BankClnt");
        reason.ShouldContain("it reported BankClient-standard");
        reason.ShouldContain("set pipeline:");
        observer.Transitions().ShouldBeEmpty();
    }

    [Fact]
    public void NotMeasured_ADependencyWithoutPipeline_SaysToDeclareOne()
    {
        var observer = TelemetryCircuitObserver.Reading(System(null), new FakeSource(), _time);

        observer.NotMeasured("bank").ShouldNotBeNull().ShouldContain("add pipeline:");
    }

    [Fact]
    public void NotMeasured_TelemetryUnavailable_GivesTheSourcesReason()
    {
        var source = new FakeSource { Status = ResilienceTelemetryStatus.Unavailable("process 42 has no diagnostics port") };
        var observer = TelemetryCircuitObserver.Reading(System("BankClient"), source, _time);

        observer.NotMeasured("bank").ShouldNotBeNull().ShouldContain("process 42 has no diagnostics port");
        observer.Pipelines().ShouldBeEmpty();
    }

    [Fact]
    public void NotMeasured_WithoutSource_GivesTheReasonGiven()
    {
        var observer = TelemetryCircuitObserver.Without(System("BankClient"), "Chaos did not start the service", _time);

        observer.NotMeasured("bank").ShouldBe("Chaos did not start the service");
        observer.Transitions().ShouldBeEmpty();
    }

    [Fact]
    public void Pipelines_CountEveryEventByNameAndNameTheirDependency()
    {
        var source = new FakeSource(
            Event(1, "BankClient-standard", ResilienceEventNames.OnRetry, 3),
            Event(1.25, "BankClient-standard", ResilienceEventNames.OnRetry, 2),
            Event(1.25, "BankClient-standard", ResilienceEventNames.OnTimeout, 0),
            Event(2, "Ledger", ResilienceEventNames.OnCircuitOpened));
        var observer = TelemetryCircuitObserver.Reading(System("BankClient"), source, _time);

        var pipelines = observer.Pipelines();

        pipelines.Select(p => (p.Pipeline, p.Dependency)).ShouldBe([("BankClient-standard", "bank"), ("Ledger", null)]);
        pipelines[0].Events.ShouldBe(new Dictionary<string, long> { [ResilienceEventNames.OnRetry] = 5 });
    }

    private static SystemDefinition System(string? pipeline) => new()
    {
        Name = "bank-transfers",
        SourcePath = "/repo/system.yaml",
        Service = new ServiceDefinition { Url = new Uri("http://127.0.0.1:5080") },
        Dependencies = [new DependencyDefinition { Name = "bank", MappingFiles = [], Pipeline = pipeline }],
        Journeys = [],
    };

    private static ResilienceEvent Event(double seconds, string pipeline, string name, long count = 1) =>
        new(Start + TimeSpan.FromSeconds(seconds), pipeline, "Standard-CircuitBreaker", name, count);

    private async Task MarkLoadStartAsync(TelemetryCircuitObserver observer)
    {
        using var stop = new CancellationTokenSource();
        var running = observer.RunAsync(_time.GetTimestamp(), stop.Token);
        await stop.CancelAsync();
        await running;
    }

    private sealed class FakeSource(params ResilienceEvent[] events) : IResilienceTelemetrySource
    {
        public ResilienceTelemetryStatus Status { get; init; } = ResilienceTelemetryStatus.Available;

        public IReadOnlyList<ResilienceEvent> Events { get; } = events;

        public Task<ResilienceTelemetryStatus> StartAsync(CancellationToken cancellationToken) => Task.FromResult(Status);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
