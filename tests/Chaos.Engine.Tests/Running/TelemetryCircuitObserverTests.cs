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
    private const string EuUrl = "http://127.0.0.1:5001";

    private const string UsUrl = "http://127.0.0.1:5002";

    private static readonly DateTimeOffset Start = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    // The pool's simulators, in the order of its instances (eu-1, us-1).
    private static readonly Dictionary<string, IReadOnlyList<Uri>> PoolUrls = new() { ["bank"] = [new Uri(EuUrl + "/"), new Uri(UsUrl + "/")] };
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

    [Fact]
    public async Task Transitions_OfAPoolWithAPipelinePerHost_AreEachHostsAndThePoolIsOpenWhileAnyIs()
    {
        var source = new FakeSource(
            Event(1, "BankClient-standard", "PipelineExecuting", instance: UsUrl),
            Event(2, "BankClient-standard", ResilienceEventNames.OnCircuitOpened, instance: EuUrl),
            Event(3, "BankClient-standard", ResilienceEventNames.OnCircuitOpened, instance: UsUrl),
            Event(7, "BankClient-standard", ResilienceEventNames.OnCircuitHalfOpened, instance: EuUrl),
            Event(7.25, "BankClient-standard", ResilienceEventNames.OnCircuitClosed, instance: EuUrl),
            Event(8, "BankClient-standard", ResilienceEventNames.OnCircuitHalfOpened, instance: UsUrl),
            Event(9, "BankClient-standard", ResilienceEventNames.OnCircuitClosed, instance: UsUrl));
        var observer = TelemetryCircuitObserver.Reading(Pool(), source, _time, PoolUrls);

        await MarkLoadStartAsync(observer);

        var transitions = observer.Transitions();
        Of(transitions, "bank.eu-1").ShouldBe([(0, "closed"), (2, "open"), (7, "half-open"), (7.25, "closed")]);
        Of(transitions, "bank.us-1").ShouldBe([(0, "closed"), (3, "open"), (8, "half-open"), (9, "closed")]);
        Of(transitions, "bank").ShouldBe([(0, "closed"), (2, "open"), (8, "half-open"), (9, "closed")], "open from the first host's opening to the last one's closing");
        observer.NotMeasured("bank.eu-1").ShouldBeNull();
        observer.NotMeasured("bank").ShouldBeNull();
    }

    [Fact]
    public void Pipelines_OfAPoolWithAPipelinePerHost_CountEachHostsEvents()
    {
        var source = new FakeSource(
            Event(1, "BankClient-standard", ResilienceEventNames.OnRetry, 3, instance: EuUrl),
            Event(1, "BankClient-standard", ResilienceEventNames.OnRetry, 1, instance: UsUrl),
            Event(2, "BankClient-standard", ResilienceEventNames.OnCircuitOpened, instance: EuUrl),
            Event(2, "BankClient-standard", ResilienceEventNames.OnRetry, 2, instance: "http://localhost:5003"));
        var observer = TelemetryCircuitObserver.Reading(Pool(), source, _time, PoolUrls);

        observer.Pipelines().Select(p => (p.Pipeline, p.Dependency, string.Join(",", p.Events.Select(e => $"{e.Key}={e.Value}")))).ShouldBe(
        [
            ("BankClient-standard", "bank", "OnRetry=2"),   // an instance no host's URL names is the pool's
            ("BankClient-standard", "bank.eu-1", "OnCircuitOpened=1,OnRetry=3"),
            ("BankClient-standard", "bank.us-1", "OnRetry=1"),
        ]);
    }

    [Fact]
    public async Task Transitions_OfAPool_TakeTheChangesOfOneInstantTogether()
    {
        // Over EventPipe the events of one refresh interval share a timestamp: eu-1 closing as us-1 opens leaves the pool open.
        var source = new FakeSource(
            Event(2, "BankClient-standard", ResilienceEventNames.OnCircuitOpened, instance: EuUrl),
            Event(5, "BankClient-standard", ResilienceEventNames.OnCircuitHalfOpened, instance: EuUrl),
            Event(5.25, "BankClient-standard", ResilienceEventNames.OnCircuitClosed, instance: EuUrl),
            Event(5.25, "BankClient-standard", ResilienceEventNames.OnCircuitOpened, instance: UsUrl.ToUpperInvariant()));
        var observer = TelemetryCircuitObserver.Reading(Pool(), source, _time, PoolUrls);

        await MarkLoadStartAsync(observer);

        var transitions = observer.Transitions();
        Of(transitions, "bank").ShouldBe([(0, "closed"), (2, "open"), (5, "half-open"), (5.25, "open")], "not closed at 5.25 s: us-1 opened as eu-1 closed");
        Of(transitions, "bank.us-1").ShouldBe([(0, "closed"), (5.25, "open")], "the authority compares without case");
    }

    [Fact]
    public async Task Transitions_OfInstancesNoHostsUrlNames_AreThePoolsAndNotMixed()
    {
        // The service calls its endpoints by another name (localhost): two breakers, no host known; the pool is still the worst of them.
        var source = new FakeSource(
            Event(2, "BankClient-standard", ResilienceEventNames.OnCircuitOpened, instance: "http://localhost:5001"),
            Event(3, "BankClient-standard", ResilienceEventNames.OnCircuitOpened, instance: "http://localhost:5002"),
            Event(7, "BankClient-standard", ResilienceEventNames.OnCircuitHalfOpened, instance: "http://localhost:5001"),
            Event(7.25, "BankClient-standard", ResilienceEventNames.OnCircuitClosed, instance: "http://localhost:5001"));
        var observer = TelemetryCircuitObserver.Reading(Pool(), source, _time, PoolUrls);

        await MarkLoadStartAsync(observer);

        observer.Transitions().Select(t => (t.Dependency, t.At.TotalSeconds, t.State)).ShouldBe([("bank", 0, "closed"), ("bank", 2, "open")], "5002's breaker is still open");
        observer.NotMeasured("bank.eu-1").ShouldBe(
            "the service's Polly pipeline BankClient reported the instances http://localhost:5001, http://localhost:5002, none of them the URL of a host of bank "
            + "(http://127.0.0.1:5001, http://127.0.0.1:5002), so its breakers are judged together as bank's; judge dependency: bank, or have the service call each host by the URL it is given.");
    }

    [Fact]
    public async Task Transitions_OfAPoolWhoseHostOpenedBeforeTheLoad_StartClosedAsEveryCircuitDoes()
    {
        var source = new FakeSource(
            Event(-1, "BankClient-standard", ResilienceEventNames.OnCircuitOpened, instance: EuUrl),
            Event(1, "BankClient-standard", "PipelineExecuting", instance: UsUrl));
        var observer = TelemetryCircuitObserver.Reading(Pool(), source, _time, PoolUrls);

        await MarkLoadStartAsync(observer);

        Of(observer.Transitions(), "bank").ShouldBe([(-1, "closed"), (-1, "open")]);
    }

    [Fact]
    public void NotMeasured_AHostOfAPoolWithoutPipeline_SaysToDeclareOneOnThePool()
    {
        var observer = TelemetryCircuitObserver.Reading(Pool() with { Dependencies = [Pool().Dependencies[0] with { Pipeline = null }] }, new FakeSource(), _time, PoolUrls);

        observer.NotMeasured("bank.eu-1").ShouldNotBeNull().ShouldStartWith("bank names no Polly pipeline in /repo/system.yaml; add pipeline: to the dependency");
    }

    [Fact]
    public void NotMeasured_AHostWithoutTelemetry_GivesTheReasonGivenForThePool()
    {
        var observer = TelemetryCircuitObserver.Without(Pool(), "Chaos did not start the service", _time);

        observer.NotMeasured("bank.eu-1").ShouldBe("Chaos did not start the service");
    }

    [Fact]
    public async Task Transitions_OfAPoolWithOnePipeline_AreThePoolsOnly()
    {
        var source = new FakeSource(Event(2, "BankClient-standard", ResilienceEventNames.OnCircuitOpened), Event(7, "BankClient-standard", ResilienceEventNames.OnCircuitHalfOpened));
        var observer = TelemetryCircuitObserver.Reading(Pool(), source, _time, PoolUrls);

        await MarkLoadStartAsync(observer);

        observer.Transitions().Select(t => (t.Dependency, t.At.TotalSeconds, t.State)).ShouldBe([("bank", 0, "closed"), ("bank", 2, "open"), ("bank", 7, "half-open")]);
        var reason = observer.NotMeasured("bank.eu-1").ShouldNotBeNull();
        reason.ShouldContain("is one pipeline for the whole pool bank");
        reason.ShouldContain("judge dependency: bank, or give each endpoint a pipeline of its own (SelectPipelineByAuthority())");
    }

    [Fact]
    public void NotMeasured_AHostThePipelinesNeverNamed_SaysTheServiceNeverCalledIt()
    {
        var observer = TelemetryCircuitObserver.Reading(Pool(), new FakeSource(Event(1, "BankClient-standard", "PipelineExecuting", instance: EuUrl)), _time, PoolUrls);

        observer.NotMeasured("bank.us-1").ShouldBe($"the service's Polly pipeline BankClient reported no event for bank.us-1 (pipeline.instance {UsUrl}): the service never called it.");
        observer.NotMeasured("bank.eu-1").ShouldBeNull();
    }

    [Fact]
    public async Task Transitions_OfAPoolWithoutItsUrls_AreOneCircuit()
    {
        var observer = TelemetryCircuitObserver.Reading(Pool(), new FakeSource(Event(2, "BankClient-standard", ResilienceEventNames.OnCircuitOpened, instance: EuUrl)), _time);

        await MarkLoadStartAsync(observer);

        observer.Transitions().Select(t => t.Dependency).Distinct().ShouldBe(["bank"]);
    }

    private static (double, string)[] Of(IReadOnlyList<CircuitTransition> transitions, string circuit) =>
        [.. transitions.Where(t => t.Dependency == circuit).Select(t => (t.At.TotalSeconds, t.State))];

    /// <summary>The bank as a pool of two hosts, eu-1 and us-1, with one pipeline name.</summary>
    private static SystemDefinition Pool() => System("BankClient") with
    {
        Dependencies = [new DependencyDefinition { Name = "bank", MappingFiles = [], Pipeline = "BankClient", Instances = [new DependencyInstance("eu-1", new Dictionary<string, string>()), new DependencyInstance("us-1", new Dictionary<string, string>())] }],
    };

    private static SystemDefinition System(string? pipeline) => new()
    {
        Name = "bank-transfers",
        SourcePath = "/repo/system.yaml",
        Service = new ServiceDefinition { Url = new Uri("http://127.0.0.1:5080") },
        Dependencies = [new DependencyDefinition { Name = "bank", MappingFiles = [], Pipeline = pipeline }],
        Journeys = [],
    };

    private static ResilienceEvent Event(double seconds, string pipeline, string name, long count = 1, string instance = "") =>
        new(Start + TimeSpan.FromSeconds(seconds), pipeline, "Standard-CircuitBreaker", name, count) { Instance = instance };

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
