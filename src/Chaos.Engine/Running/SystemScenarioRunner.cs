using System.Globalization;
using Chaos.Engine.Faults;
using Chaos.Engine.Journeys.Http;
using Chaos.Engine.Judging;
using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Reports;
using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Running;

/// <summary>
/// Runs a scenario against a system file's service: probes that it forwards trace context, drives the system's HTTP
/// journeys, plays the fault timeline on its mapped dependencies, and judges the expectations and <c>atMostOnce</c>
/// from the recorder, the journals and the journeys' trace ids. The storefront's runner is <see cref="ScenarioRunner"/>.
/// </summary>
public sealed class SystemScenarioRunner
{
    private static readonly ExpectationMetric[] CircuitMetrics = [ExpectationMetric.TimeToCircuitOpen, ExpectationMetric.TimeToRecover];
    private static readonly ExpectationMetric[] TraceMetrics = [ExpectationMetric.Amplification, ExpectationMetric.RetriesPerRequest];

    /// <summary>How many journeys the trace probe tries before it reports trace context as not forwarded.</summary>
    internal const int ProbeAttempts = 3;

    private static readonly TimeSpan ProbeWait = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ProbePoll = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="SystemScenarioRunner"/> class.</summary>
    public SystemScenarioRunner(TimeProvider timeProvider) => _time = timeProvider;

    /// <summary>Runs the scenario and returns its report.</summary>
    /// <param name="scenario">The validated scenario; its <see cref="Scenario.System"/> must be set.</param>
    /// <param name="target">The running service and its simulators.</param>
    /// <param name="onTick">Called about once a second with what the run looks like now.</param>
    /// <param name="cancellationToken">Stops the run early (the verdict is then an error).</param>
    public async Task<RunReport> RunAsync(Scenario scenario, SystemRunTarget target, Action<LiveView>? onTick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(target);
        var system = scenario.System ?? throw new ArgumentException("The scenario names no system file; run it with ScenarioRunner.", nameof(scenario));
        var startedAt = _time.GetUtcNow();
        var errors = new List<string>();
        var journeyNames = scenario.Load.AllJourneys.ToArray();
        var recorder = new RunRecorder(journeyNames);
        var player = new FaultTimelinePlayer(target.Dependencies, _time, target.Hosts, scenario.Seed, service: null);
        var runId = string.Create(CultureInfo.InvariantCulture, $"{scenario.Name}-{scenario.Seed}");
        using var journeys = new HttpStepJourneys(system.Journeys, target.Service, runId, scenario.Load.RequestTimeout, scenario.Load.MaxInFlight);
        LoadRunSummary? load = null;
        IReadOnlyList<DependencyJournal> journals = [];
        string? notPropagated = null;
        using var observing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var observerTask = Task.CompletedTask;
        var cleared = false;
        try
        {
            player.PlanPlayable(scenario.Faults);
            notPropagated = await ProbeAsync(journeys, journeyNames, target, scenario.Seed, cancellationToken).ConfigureAwait(false);
            var start = _time.GetTimestamp();
            startedAt = _time.GetUtcNow();
            if (target.Circuits is { } circuits)
            {
                observerTask = circuits.RunAsync(start, observing.Token);
            }

            var faults = player.PlayAsync(scenario.Faults, start, cancellationToken);
            load = await new LoadEngine(_time).RunAsync(
                LoadPlan.FromScenario(scenario),
                journeys,
                recorder,
                cancellationToken,
                drainInFlight: scenario.Load.RequestTimeout * 3,
                onTick: onTick is null ? null : tick => onTick(Live(tick, scenario, recorder, player, target.Circuits))).ConfigureAwait(false);
            await faults.ConfigureAwait(false);
            var notCleared = await player.ClearAllAsync(scenario.Faults).ConfigureAwait(false);
            errors.AddRange(notCleared);
            cleared = notCleared.Count == 0;
            journals = await ScenarioRunner.ReadJournalsAsync(target.Dependencies, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            errors.Add("The run was cancelled before it finished; nothing was judged.");
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            errors.Add($"The harness could not complete the run: {ex.Message}");
        }
        finally
        {
            if (!cleared)
            {
                errors.AddRange([.. (await player.ClearAllAsync(scenario.Faults).ConfigureAwait(false)).Except(errors)]);
            }

            await observing.CancelAsync().ConfigureAwait(false);
            await observerTask.ConfigureAwait(false);
        }

        var phases = PhaseWindow.For(scenario);
        var transitions = target.Circuits?.Transitions() ?? [];
        IReadOnlyList<ExpectationResult> expectations = [];
        var invariants = new List<InvariantResult>();
        if (errors.Count == 0)
        {
            var judged = scenario.Expectations.Where(e => Unmeasured(e, target, notPropagated) is null).ToArray();
            errors.AddRange(scenario.Expectations.Select(e => Unmeasured(e, target, notPropagated)).OfType<string>().Distinct(StringComparer.Ordinal));
            expectations = new Judge(phases, recorder, transitions, player.Events, journals, startedAt).Evaluate(judged);
            foreach (var invariant in scenario.AtMostOnce)
            {
                invariants.Add(notPropagated is null
                    ? AtMostOnceCheck.Check(invariant, journals, journeys.Traces)
                    : new InvariantResult($"{AtMostOnceCheck.Name} {invariant.Dependency}.{invariant.Route}", false, notPropagated, [], Measured: false));
            }

            invariants.AddRange(scenario.Invariants.Select(i => new InvariantResult(ScenarioVocabulary.NameOf(i), false,
                $"{ScenarioVocabulary.NameOf(i)} reconciles the reference storefront's orders; a system file's service has none. Remove it, or use atMostOnce.", [], Measured: false)));
            errors.AddRange(expectations.Where(e => !e.Measured).Select(e => $"Could not measure an expectation: {e.Message}"));
            errors.AddRange(invariants.Where(i => !i.Measured).Select(i => $"Could not check an invariant: {i.Name}: {i.Message}"));
        }

        var verdict = errors.Count > 0 ? Verdict.Error
            : expectations.All(e => e.Passed) && invariants.All(i => i.Passed) ? Verdict.Pass
            : Verdict.Fail;

        return new RunReport
        {
            Scenario = scenario.Name,
            Incident = scenario.Incident,
            SourcePath = scenario.SourcePath,
            Seed = scenario.Seed,
            StartedAt = startedAt,
            Verdict = verdict,
            Errors = errors,
            Expectations = expectations,
            Invariants = invariants,
            Phases = phases.Select(p => new PhaseReport(
                p.Name,
                p.From.TotalSeconds,
                p.To.TotalSeconds,
                recorder.Journeys.Select(j => ScenarioRunner.JourneyFigures(j, recorder.Summarize(j, p.From, p.To))).ToArray())).ToArray(),
            Faults = player.Events.Select(e => new FaultEventReport(e.Fault, e.Dependency, e.Action, e.Planned.TotalSeconds, e.Actual.TotalSeconds)).ToArray(),
            Circuits = transitions.Select(t => new CircuitReport(t.Dependency, t.At.TotalSeconds, t.State)).ToArray(),
            Pipelines = target.Circuits?.Pipelines() ?? [],
            Dependencies = journals.Select(j => new DependencyReport(
                j.Dependency,
                j.Calls.Count,
                j.Calls.Count(c => c.Faulted),
                j.Charges.Count,
                j.Calls.GroupBy(c => c.Route).ToDictionary(g => g.Key, g => g.Count()))).ToArray(),
            Load = load is null ? null : new LoadReport(load.Scheduled, load.Started, load.Dropped, load.Elapsed.TotalSeconds, load.TargetRate, load.AchievedRate) { Scale = scenario.Load.Scale },
            TargetRates = TargetRateReport.For(scenario.Load.Phases),
            Buckets = recorder.Buckets(null).Select(ScenarioRunner.ToReport).ToArray(),
            JourneyBuckets = recorder.Journeys.Select(j => new JourneyBucketsReport(j, recorder.Buckets(j).Select(ScenarioRunner.ToReport).ToArray())).ToArray(),
            DependencyBuckets = journals.Select(j => ScenarioRunner.DependencyBuckets(j, startedAt)).ToArray(),
        };
    }

    /// <summary>
    /// Runs one journey of the mix before the load and looks for its trace id in the journals: a service that does
    /// not forward trace context makes every per-journey count meaningless. A cold service may give up on its first
    /// call before the simulator has journalled it, so the probe waits a little for the journal and tries up to
    /// <see cref="ProbeAttempts"/> journeys. Returns why trace context is not measured, or null when it is forwarded.
    /// </summary>
    private async Task<string?> ProbeAsync(HttpStepJourneys journeys, IReadOnlyList<string> journeyNames, SystemRunTarget target, int seed, CancellationToken cancellationToken)
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
            var before = journeys.Traces.Count;
            await journeys.RunAsync(journey, new VirtualUser(-1 - attempt, unchecked(seed - 1 - attempt)), cancellationToken).ConfigureAwait(false);
            probe = journeys.Traces.Snapshot().Skip(before).Select(t => t.TraceId).FirstOrDefault();
            var waited = _time.GetTimestamp();
            do
            {
                calls = [.. (await ScenarioRunner.ReadJournalsAsync(target.Dependencies, cancellationToken).ConfigureAwait(false)).SelectMany(j => j.Calls)];
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

    /// <summary>Why an expectation cannot be measured for this target, or null.</summary>
    private static string? Unmeasured(Expectation expectation, SystemRunTarget target, string? notPropagated)
    {
        if (CircuitMetrics.Contains(expectation.Metric))
        {
            var why = target.Circuits is null
                ? "nothing reads the service's circuits in this run"
                : target.Circuits.NotMeasured(expectation.Dependency ?? "");
            if (why is not null)
            {
                return $"Could not measure an expectation: {ScenarioVocabulary.NameOf(expectation.Metric)} of {expectation.Dependency} in {expectation.Phase}: {why}";
            }
        }

        return TraceMetrics.Contains(expectation.Metric) && notPropagated is not null ? $"Could not measure an expectation: {ScenarioVocabulary.NameOf(expectation.Metric)}: {notPropagated}" : null;
    }

    private static LiveView Live(LoadTick tick, Scenario scenario, RunRecorder recorder, FaultTimelinePlayer player, TelemetryCircuitObserver? circuits)
    {
        var states = (circuits?.Transitions() ?? [])
            .GroupBy(t => t.Dependency, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().State, StringComparer.Ordinal);
        var recent = recorder.Summarize(null, tick.Elapsed - TimeSpan.FromSeconds(5), tick.Elapsed);
        var errors = recorder.Summarize(null, TimeSpan.Zero, tick.Elapsed + TimeSpan.FromSeconds(1)).ByOutcome
            .Where(o => o.Key != OutcomeKind.Success && o.Value > 0)
            .ToDictionary(o => o.Key, o => o.Value);
        var active = player.Events
            .GroupBy(e => (e.Fault, e.Dependency))
            .Where(g => g.Last().Action != FaultTimelinePlayer.Cleared)
            .Select(g => $"{g.Key.Fault} on {g.Key.Dependency}")
            .ToArray();
        return new LiveView(tick, scenario.Duration.TotalSeconds, recent, errors, states, active);
    }
}
