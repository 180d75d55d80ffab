using System.Text.Json;
using Chaos.Engine.Faults;
using Chaos.Engine.Journeys.Http;
using Chaos.Engine.Judging;
using Chaos.Engine.Load;
using Chaos.Engine.Reports;
using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Running;

/// <summary>
/// One run against a system file's service: its HTTP journeys (one W3C trace per journey), a probe before the load that
/// the service forwards trace context to its dependencies, its circuits from its own Polly telemetry, and
/// <c>atMostOnce</c> judged from the journeys' trace ids in the simulators' journals.
/// </summary>
internal sealed class SystemTargetRun : ITargetRun, IAgentLedgers
{
    private static readonly ExpectationMetric[] CircuitMetrics = [ExpectationMetric.TimeToCircuitOpen, ExpectationMetric.TimeToRecover];
    private static readonly ExpectationMetric[] TraceMetrics = [ExpectationMetric.Amplification, ExpectationMetric.RetriesPerRequest];
    private static readonly TimeSpan ProbeWait = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ProbePoll = TimeSpan.FromMilliseconds(100);

    private readonly SystemRunTarget _target;
    private readonly Scenario _scenario;
    private readonly TimeProvider _time;
    private readonly HttpStepJourneys _journeys;
    private readonly ICircuitObserver _circuits;
    private string? _notPropagated;
    private HashSet<string> _setUp = new(StringComparer.Ordinal);

    public SystemTargetRun(SystemRunTarget target, Scenario scenario, TimeProvider time)
    {
        _target = target;
        _scenario = scenario;
        _time = time;
        _journeys = SystemRunTarget.JourneysFor(scenario, target.Service, target.CodeJourneys);
        _circuits = target.Circuits ?? (ICircuitObserver)new NoCircuits();
    }

    /// <summary>Adds a load agent's journeys (<see cref="SystemAgentLedgers"/>), so that the trace judgements count them.</summary>
    /// <param name="ledgers">The agent's ledgers.</param>
    public void AddAgentLedgers(JsonElement ledgers)
    {
        var agent = ledgers.Deserialize<SystemAgentLedgers>(AgentJson.Options)
            ?? throw new JsonException("An agent's ledgers are null; an agent of a system file's run sends the journeys it ran.");
        foreach (var trace in agent.Traces ?? throw new JsonException("An agent's ledgers have no traces; an agent of a system file's run sends the journeys it ran."))
        {
            _journeys.Traces.Record(trace);
        }
    }

    /// <summary>How many journeys the trace probe tries before it reports trace context as not forwarded.</summary>
    internal static int ProbeAttempts => 3;

    public IJourneyRunner Journeys => _journeys;

    /// <summary>
    /// A team's service warms up like the storefront: the first phase's mix before the load (<c>load.warmUp</c>, or a
    /// few rounds of each journey), unrecorded, so a cold service's first JIT, connection pool and token fetch do not
    /// count as its baseline.
    /// </summary>
    public bool WarmsUp => true;

    public ICircuitObserver Circuits => _circuits;

    public IReadOnlyList<AcceptedOrder> AcceptedOrders => [];

    public IReadOnlyList<StatusSample> StatusSamples => [];

    public async Task PrepareAsync(IReadOnlyList<string> journeys, CancellationToken cancellationToken) =>
        _notPropagated = await ProbeAsync(journeys, cancellationToken).ConfigureAwait(false);

    /// <summary>The journeys recorded so far are the harness's set-up (trace probe, warm-up): atMostOnce does not count their calls.</summary>
    public void LoadStarting(long start) => _setUp = _journeys.Traces.Snapshot().Select(t => t.TraceId).ToHashSet(StringComparer.Ordinal);

    public Task<DrainReport?> AfterLoadAsync(CancellationToken cancellationToken) => Task.FromResult<DrainReport?>(null);

    public IReadOnlyList<string> Problems() => [];

    public string? Unmeasured(Expectation expectation)
    {
        if (CircuitMetrics.Contains(expectation.Metric))
        {
            var why = _target.Circuits is null
                ? "nothing reads the service's circuits in this run"
                : _target.Circuits.NotMeasured(expectation.Dependency ?? "");
            if (why is not null)
            {
                return $"{ScenarioVocabulary.NameOf(expectation.Metric)} of {expectation.Dependency} in {expectation.Phase}: {why}";
            }
        }

        return TraceMetrics.Contains(expectation.Metric) && _notPropagated is not null ? $"{ScenarioVocabulary.NameOf(expectation.Metric)}: {_notPropagated}" : null;
    }

    public IReadOnlyList<InvariantResult> CheckInvariants(IReadOnlyList<DependencyJournal> journals)
    {
        var invariants = new List<InvariantResult>();
        foreach (var invariant in _scenario.AtMostOnce)
        {
            invariants.Add(_notPropagated is null
                ? AtMostOnceCheck.Check(invariant, journals, _journeys.Traces, _setUp)
                : new InvariantResult($"{AtMostOnceCheck.Name} {invariant.Dependency}.{invariant.Route}", false, _notPropagated, [], Measured: false));
        }

        // The loader refuses these for a system file; a scenario built in code gets the same answer at run time.
        invariants.AddRange(_scenario.Invariants.Select(i => new InvariantResult(ScenarioVocabulary.NameOf(i), false,
            $"{ScenarioVocabulary.NameOf(i)} reconciles the reference storefront's orders; a system file's service has none. Remove it, or use atMostOnce.", [], Measured: false)));
        return invariants;
    }

    public IReadOnlyList<PipelineReport> Pipelines() => _target.Circuits?.Pipelines() ?? [];

    public void Dispose() => _journeys.Dispose();

    /// <summary>
    /// Runs one journey of the mix before the load and looks for its trace id in the journals: a service that does
    /// not forward trace context makes every per-journey count meaningless. A cold service may give up on its first
    /// call before the simulator has journalled it, so the probe waits a little for the journal and tries up to
    /// <see cref="ProbeAttempts"/> journeys. Returns why trace context is not measured, or null when it is forwarded.
    /// </summary>
    private async Task<string?> ProbeAsync(IReadOnlyList<string> journeyNames, CancellationToken cancellationToken)
    {
        if (journeyNames.Count == 0)
        {
            return null;
        }

        var journey = journeyNames[0];
        string? probe = null;
        DependencyCall[] calls = [];
        for (var attempt = 0; attempt < ProbeAttempts; attempt++)
        {
            var before = _journeys.Traces.Count;
            await _journeys.RunAsync(journey, new VirtualUser(-1 - attempt, unchecked(_scenario.Seed - 1 - attempt)), cancellationToken).ConfigureAwait(false);
            probe = _journeys.Traces.Snapshot().Skip(before).Select(t => t.TraceId).FirstOrDefault();
            var waited = _time.GetTimestamp();
            do
            {
                calls = [.. (await ScenarioRunner.ReadJournalsAsync(_target.Dependencies, cancellationToken).ConfigureAwait(false)).SelectMany(j => j.Calls)];
                if (calls.Any(c => c.TraceId == probe))
                {
                    return null;
                }

                await Task.Delay(ProbePoll, _time, cancellationToken).ConfigureAwait(false);
            }
            while (_time.GetElapsedTime(waited) < ProbeWait);
        }

        if (calls.Length == 0)
        {
            return $"not measured: the probe ({ProbeAttempts} '{journey}' journeys before the load) caused no call to any simulated dependency, so whether the service forwards trace context is unknown; "
                + "check that the service is pointed at the simulators (the system file's config or env keys) and that the first journey of load.journeys calls a dependency.";
        }

        return $"not measured: the probe ('{journey}' journeys with traceparent trace ids such as {probe}) reached the dependencies, but none of their {calls.Length} calls carried those trace ids, "
            + "so calls per journey cannot be counted; forward W3C trace context to outgoing HTTP calls (ASP.NET Core's HttpClient does by default unless DistributedContextPropagator is replaced; "
            + "other stacks: OpenTelemetry's HTTP client instrumentation).";
    }

    /// <summary>No circuits: a run whose target has no observer (every circuit expectation is then not measured).</summary>
    private sealed class NoCircuits : ICircuitObserver
    {
        public IReadOnlyDictionary<string, string> LatestCircuits { get; } = new Dictionary<string, string>();

        public Task RunAsync(long loadStart, CancellationToken cancellationToken) => Task.CompletedTask;

        public IReadOnlyList<CircuitTransition> Transitions() => [];
    }
}
