using Chaos.Engine.Faults;
using Chaos.Engine.Judging;
using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Reports;
using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Running;

/// <summary>
/// Runs a scenario against a target: prepares it, drives the load through its journeys, plays the fault timeline on its
/// simulated dependencies, watches its circuits, lets it drain and reconcile, and judges. What is specific to the
/// system under test comes from its <see cref="IRunTarget"/> (the reference storefront, a system file's service).
/// Failures of the system under test are measured, never thrown; only the harness's own failures make the verdict
/// <see cref="Verdict.Error"/>.
/// </summary>
public sealed class ScenarioRunner
{
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="ScenarioRunner"/> class.</summary>
    public ScenarioRunner(TimeProvider timeProvider) => _time = timeProvider;

    /// <summary>Gets the load agents that drive the load instead of this process's own engine, or null to drive it here.</summary>
    /// <value>Defaults to null.</value>
    public ILoadAgents? Agents { get; init; }

    /// <summary>
    /// Gets a value indicating whether the run stops its load and faults as soon as an expectation has failed
    /// (<c>--fail-fast</c>): see <see cref="FailFastWatch"/>. Expectations whose data was not complete then are reported
    /// as not judged; invariants are still checked, on what ran. Not with <see cref="Agents"/>.
    /// </summary>
    public bool FailFast { get; init; }

    /// <summary>Runs the scenario and returns its report.</summary>
    /// <param name="scenario">The validated scenario.</param>
    /// <param name="target">The system under test and its simulated dependencies.</param>
    /// <param name="onTick">Called about once a second with what the run looks like now.</param>
    /// <param name="cancellationToken">Stops the run early (the verdict is then an error).</param>
    public async Task<RunReport> RunAsync(Scenario scenario, IRunTarget target, Action<LiveView>? onTick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(target);
        var startedAt = _time.GetUtcNow();
        var errors = new List<string>();
        using var run = target.Begin(scenario, _time);
        var journeyNames = scenario.Load.AllJourneys.ToArray();
        var recorder = new RunRecorder(journeyNames);
        var player = new FaultTimelinePlayer(target.Dependencies, _time, target.Hosts, scenario.Seed, target.Service);
        LoadRunSummary? load = null;
        DrainReport? drain = null;
        IReadOnlyList<DependencyJournal> journals = [];

        using var observing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task observerTask = Task.CompletedTask;
        var cleared = false;
        var phases = PhaseWindow.For(scenario);
        var watch = FailFast && Agents is null ? new FailFastWatch(scenario.Expectations, phases) : null;
        using var stopping = new CancellationTokenSource();
        using var faultsToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token);
        EarlyStop? stopped = null;
        try
        {
            player.PlanPlayable(scenario.Faults);
            await run.PrepareAsync(journeyNames, cancellationToken).ConfigureAwait(false);
            if (run.WarmsUp)
            {
                await WarmUpAsync(run.Journeys, scenario, cancellationToken).ConfigureAwait(false);
            }

            if (Agents is not null)
            {
                var startAt = await Agents.StartAsync(scenario, cancellationToken).ConfigureAwait(false);
                var until = startAt - _time.GetUtcNow();
                if (until > TimeSpan.Zero)
                {
                    await Task.Delay(until, _time, cancellationToken).ConfigureAwait(false);
                }
            }

            var start = _time.GetTimestamp();
            startedAt = _time.GetUtcNow();
            run.LoadStarting(start);
            observerTask = run.Circuits.RunAsync(start, observing.Token);
            var faults = player.PlayAsync(scenario.Faults, start, faultsToken.Token);
            using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var watched = watch is null ? Task.FromResult<EarlyStop?>(null) : WatchAsync(watch, phases, recorder, run, target, player, startedAt, stopping, watching.Token);
            load = Agents is not null
                ? await CollectFromAgentsAsync(Agents, recorder, run, scenario, player, onTick, cancellationToken).ConfigureAwait(false)
                : await new LoadEngine(_time).RunAsync(
                LoadPlan.FromScenario(scenario),
                run.Journeys,
                recorder,
                cancellationToken,
                drainInFlight: scenario.Load.RequestTimeout * 3,
                onTick: onTick is null && watch is null ? null : tick =>
                {
                    watch?.Observe(tick);
                    onTick?.Invoke(Live(tick, scenario, recorder, run.Circuits, player));
                },
                startTimestamp: start,
                stopArrivals: stopping.Token).ConfigureAwait(false);
            await watching.CancelAsync().ConfigureAwait(false);
            stopped = await watched.ConfigureAwait(false);
            try
            {
                await faults.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopped is not null && !cancellationToken.IsCancellationRequested)
            {
                // Stopped early: the timeline's remaining steps are not played; a crashed service is started again below.
                await RestartIfCrashedAsync(player, target.Service, cancellationToken).ConfigureAwait(false);
            }

            var notCleared = await player.ClearAllAsync(scenario.Faults).ConfigureAwait(false);
            errors.AddRange(notCleared);
            cleared = notCleared.Count == 0;

            drain = await run.AfterLoadAsync(cancellationToken).ConfigureAwait(false);
            journals = await ReadJournalsAsync(target.Dependencies, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            errors.Add("The run was cancelled before it finished; nothing was judged.");
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or System.Text.Json.JsonException or TaskCanceledException)
        {
            errors.Add($"The harness could not complete the run: {ex.Message}");
        }
        finally
        {
            // Cleared here unless that already succeeded, so that no simulator keeps injecting; each failure reported once.
            if (!cleared)
            {
                errors.AddRange([.. (await player.ClearAllAsync(scenario.Faults).ConfigureAwait(false)).Except(errors)]);
            }

            await observing.CancelAsync().ConfigureAwait(false);
            await observerTask.ConfigureAwait(false);
        }

        if (errors.Count == 0)
        {
            errors.AddRange(run.Problems());
        }

        var transitions = run.Circuits.Transitions();
        IReadOnlyList<ExpectationResult> expectations = [];
        IReadOnlyList<InvariantResult> invariants = [];
        if (errors.Count == 0)
        {
            var judge = JudgeOf(phases, recorder, transitions, player, journals, startedAt, run, target);
            var judged = stopped is null ? scenario.Expectations : [.. scenario.Expectations.Where(e => watch!.DecidableAt(e) <= stopped.At)];
            var unmeasured = judged.Select(e => run.Unmeasured(e)).ToArray();
            errors.AddRange(unmeasured.OfType<string>().Distinct(StringComparer.Ordinal).Select(why => $"Could not measure an expectation: {why}"));
            expectations = judge.Evaluate([.. judged.Where((_, i) => unmeasured[i] is null)]);
            if (stopped is not null)
            {
                expectations = [.. expectations, .. scenario.Expectations.Except(judged).Select(e => Judge.NotJudged(e, NotJudgedBecause(stopped, e, phases)))];
                if (expectations.All(e => e.Passed || e.Skipped))
                {
                    errors.Add($"The run stopped at {stopped.At.TotalSeconds:0.0} s because {stopped.Failed.Name} had failed, and the final judgment passed it: {stopped.Failed.Message}");
                }
            }

            invariants = run.CheckInvariants(journals);
            errors.AddRange(expectations.Where(e => !e.Measured && !e.Skipped).Select(e => $"Could not measure an expectation: {e.Message}"));
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
                recorder.Journeys.Select(j => JourneyFigures(j, recorder.Summarize(j, p.From, p.To))).ToArray())).ToArray(),
            Faults = player.Events.Select(e => new FaultEventReport(e.Fault, e.Dependency, e.Action, e.Planned.TotalSeconds, e.Actual.TotalSeconds)).ToArray(),
            Circuits = transitions.Select(t => new CircuitReport(t.Dependency, t.At.TotalSeconds, t.State)).ToArray(),
            Pipelines = run.Pipelines(),
            Dependencies = journals.Select(j => new DependencyReport(
                j.Dependency,
                j.Calls.Count,
                j.Calls.Count(c => c.Faulted),
                j.Charges.Count,
                j.Calls.GroupBy(c => c.Route).ToDictionary(g => g.Key, g => g.Count()))
            {
                Pool = target.Hosts.FirstOrDefault(h => h.Name == j.Dependency)?.Pool,
            }).ToArray(),
            StoppedEarly = stopped is null ? null : new EarlyStopReport(stopped.At.TotalSeconds, stopped.Failed.Name, stopped.Failed.Message),
            Load = load is null ? null : new LoadReport(load.Scheduled, load.Started, load.Dropped, load.Elapsed.TotalSeconds, load.TargetRate, load.AchievedRate) { Scale = scenario.Load.Scale },
            TargetRates = TargetRateReport.For(scenario.Load.Phases),
            Drain = drain,
            Buckets = recorder.Buckets(null).Select(ToReport).ToArray(),
            JourneyBuckets = recorder.Journeys.Select(j => new JourneyBucketsReport(j, recorder.Buckets(j).Select(ToReport).ToArray())).ToArray(),
            DependencyBuckets = journals.Select(j => DependencyBuckets(j, startedAt)).ToArray(),
        };
    }

    /// <summary>
    /// Runs the fail-fast watch: judges what is due on what the run recorded so far (the simulators' journals read only
    /// when a due expectation counts calls), and stops the load and the faults at the first failure.
    /// </summary>
    private async Task<EarlyStop?> WatchAsync(
        FailFastWatch watch, IReadOnlyList<PhaseWindow> phases, RunRecorder recorder, ITargetRun run, IRunTarget target, FaultTimelinePlayer player, DateTimeOffset loadStart,
        CancellationTokenSource stopping, CancellationToken cancellationToken)
    {
        var stopped = await watch.WatchAsync(
            async (due, token) =>
            {
                var readsJournals = due.Any(e => Judge.ReadsJournals(e.Metric));
                IReadOnlyList<DependencyJournal> journals;
                try
                {
                    journals = readsJournals ? await ReadJournalsAsync(target.Dependencies, token).ConfigureAwait(false) : [];
                }
                catch (HttpRequestException)
                {
                    return [];   // A simulator that cannot be read now is read again at the end, where its failure is reported.
                }

                var judge = JudgeOf(phases, recorder, run.Circuits.Transitions(), player, journals, loadStart, run, target);
                return judge.Evaluate([.. due.Where(e => run.Unmeasured(e) is null)]);
            },
            _time,
            cancellationToken).ConfigureAwait(false);
        if (stopped is not null)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
        }

        return stopped;
    }

    /// <summary>The judge of a run, on what it recorded so far (the fail-fast watch) or in all (after the drain).</summary>
    private static Judge JudgeOf(
        IReadOnlyList<PhaseWindow> phases, RunRecorder recorder, IReadOnlyList<CircuitTransition> transitions, FaultTimelinePlayer player,
        IReadOnlyList<DependencyJournal> journals, DateTimeOffset loadStart, ITargetRun run, IRunTarget target) =>
        new(phases, recorder, transitions, player.Events, journals, loadStart)
        {
            AcceptedOrders = run.AcceptedOrders,
            StatusSamples = run.StatusSamples,
            FallbackGateway = run.FallbackGateway,
            Hosts = target.Hosts,
        };

    private static string NotJudgedBecause(EarlyStop stopped, Expectation expectation, IReadOnlyList<PhaseWindow> phases)
    {
        var phase = phases.FirstOrDefault(p => p.Name == expectation.Phase);
        var ends = phase is null ? "" : $" ({expectation.Phase} ends at {phase.To.TotalSeconds:0.#} s)";
        return $"not judged: the run stopped at {stopped.At.TotalSeconds:0.0} s, once {stopped.Failed.Name} had failed (--fail-fast), before this expectation's data was complete{ends}";
    }

    /// <summary>After a timeline stopped early: a service its crash fault killed, whose restart was still to come, is started again.</summary>
    private static async Task RestartIfCrashedAsync(FaultTimelinePlayer player, IServiceControl? service, CancellationToken cancellationToken)
    {
        if (service is not null
            && player.Events.LastOrDefault(e => e.Dependency == ScenarioVocabulary.ServiceTarget) is { Action: FaultTimelinePlayer.Applied })
        {
            await service.RestartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal static BucketReport ToReport(BucketSnapshot b) =>
        new(b.Start.TotalSeconds, b.Count, b.Succeeded, b.Degraded, b.Failed, b.Dropped, b.P50Seconds, b.P99Seconds) { LagP99Seconds = Finite(b.LagP99Seconds) };

    /// <summary>A dependency's journal as calls per second from the start of the load (calls before it, such as warm-up, are left out).</summary>
    internal static DependencyBucketsReport DependencyBuckets(DependencyJournal journal, DateTimeOffset loadStart)
    {
        var seconds = journal.Calls
            .Select(c => (Second: (int)Math.Floor((c.At - loadStart).TotalSeconds), c.Faulted))
            .Where(c => c.Second >= 0)
            .ToArray();
        var count = seconds.Length == 0 ? 0 : seconds.Max(c => c.Second) + 1;
        var calls = new int[count];
        var faulted = new int[count];
        foreach (var (second, isFaulted) in seconds)
        {
            calls[second]++;
            faulted[second] += isFaulted ? 1 : 0;
        }

        return new DependencyBucketsReport(journal.Dependency, Enumerable.Range(0, count).Select(i => new DependencyBucketReport(i, calls[i], faulted[i])).ToArray());
    }

    private static LiveView Live(LoadTick tick, Scenario scenario, RunRecorder recorder, ICircuitObserver circuits, FaultTimelinePlayer player)
    {
        var errors = recorder.CountOutcomes(null, TimeSpan.Zero, tick.Elapsed + TimeSpan.FromSeconds(1))
            .Where(o => o.Key != OutcomeKind.Success && o.Value > 0)
            .ToDictionary(o => o.Key, o => o.Value);
        return Live(tick, scenario, recorder, errors, circuits, player);
    }

    private static LiveView Live(LoadTick tick, Scenario scenario, RunRecorder recent, IReadOnlyDictionary<OutcomeKind, long> errors, ICircuitObserver circuits, FaultTimelinePlayer player)
    {
        var window = recent.Summarize(null, tick.Elapsed - TimeSpan.FromSeconds(5), tick.Elapsed);
        var active = player.Events
            .GroupBy(e => (e.Fault, e.Dependency))
            .Where(g => g.Last().Action != FaultTimelinePlayer.Cleared)
            .Select(g => $"{g.Key.Fault} on {g.Key.Dependency}")
            .ToArray();
        return new LiveView(tick, scenario.Duration.TotalSeconds, window, errors, circuits.LatestCircuits, active);
    }

    /// <summary>
    /// Waits for the agents' results and merges them; meanwhile, with a live view, shows the agents' merged progress once a
    /// second (it never delays the merge: the view stops when the results are in).
    /// </summary>
    private async Task<LoadRunSummary> CollectFromAgentsAsync(
        ILoadAgents agents, RunRecorder recorder, ITargetRun run, Scenario scenario, FaultTimelinePlayer player, Action<LiveView>? onTick, CancellationToken cancellationToken)
    {
        using var showing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var view = onTick is null ? Task.CompletedTask : ShowAgentsAsync(agents, scenario, run.Circuits, player, onTick, showing.Token);
        try
        {
            return await agents.CollectAsync(recorder, run, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await showing.CancelAsync().ConfigureAwait(false);
            await view.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ShowAgentsAsync(ILoadAgents agents, Scenario scenario, ICircuitObserver circuits, FaultTimelinePlayer player, Action<LiveView> onTick, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            if (agents.Progress() is { } progress)
            {
                onTick(Live(progress.Tick, scenario, progress.Recent, progress.ErrorsSoFar, circuits, player));
            }
        }
    }

    /// <summary>The arrival rate of a scenario's <c>load.warmUp</c>, journeys per second.</summary>
    internal const double WarmUpRate = 5;

    /// <summary>
    /// Warms the system up before the measured load, so the first seconds measure the system rather than JIT
    /// compilation and connection set-up: with <c>load.warmUp</c>, the first phase's mix at <see cref="WarmUpRate"/>
    /// journeys per second for that long; without it, every journey of the mix a few times, a few at once.
    /// Unrecorded, but orders it places stay in the ledger and are reconciled like any other.
    /// </summary>
    private async Task WarmUpAsync(IJourneyRunner journeys, Scenario scenario, CancellationToken cancellationToken)
    {
        var mix = FirstPhaseMix(scenario);
        if (WarmUpPlan(scenario) is { } plan)
        {
            var unrecorded = new RunRecorder(plan.Journeys);
            await new LoadEngine(_time).RunAsync(plan, journeys, unrecorded, cancellationToken, drainInFlight: scenario.Load.RequestTimeout).ConfigureAwait(false);
            return;
        }

        const int Rounds = 3;
        const int Concurrency = 4;
        var names = mix.Where(j => j.Value > 0).Select(j => j.Key).ToArray();
        // The warm-up's own seed (as load.warmUp's plan has): with the load's, warm-up user 0 would draw what load user 0
        // draws, the same trace ids included, and the journals would show one journey calling twice.
        var users = Enumerable.Range(0, names.Length * Concurrency).Select(id => new VirtualUser(id, WarmUpSeed(scenario))).ToArray();
        for (var round = 0; round < Rounds; round++)
        {
            await Task.WhenAll(names.SelectMany((name, n) => Enumerable.Range(0, Concurrency)
                    .Select(c => journeys.RunAsync(name, users[(n * Concurrency) + c], cancellationToken).AsTask())))
                .ConfigureAwait(false);
        }
    }

    /// <summary>The plan of <c>load.warmUp</c>: the first phase's mix at <see cref="WarmUpRate"/> for that long, or null without it.</summary>
    internal static LoadPlan? WarmUpPlan(Scenario scenario) => scenario.Load.WarmUp is { } warmUp
        ? new LoadPlan([new LoadPhase("warm-up", warmUp, WarmUpRate, WarmUpRate)], FirstPhaseMix(scenario), scenario.Load.MaxInFlight, WarmUpSeed(scenario))
        : null;

    /// <summary>The seed of the warm-up's virtual users: not the load's, so that no warm-up journey repeats a measured one's draws.</summary>
    internal static int WarmUpSeed(Scenario scenario) => unchecked(scenario.Seed + 1);

    private static IReadOnlyDictionary<string, int> FirstPhaseMix(Scenario scenario) =>
        scenario.Load.Phases.Count > 0 && scenario.Load.Phases[0].Journeys is { } own ? own : scenario.Load.Journeys;

    internal static JourneyReport JourneyFigures(string journey, WindowSummary s) => new(
        journey,
        s.Count,
        s.Succeeded,
        s.Degraded,
        s.ByOutcome.ToDictionary(o => o.Key.ToString(), o => o.Value),
        s.Count == 0 ? null : s.SuccessRate,
        Finite(s.P50Seconds),
        Finite(s.P95Seconds),
        Finite(s.P99Seconds),
        Finite(s.MaxSeconds))
    {
        LagP99Seconds = Finite(s.LagP99Seconds),
    };

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    internal static async Task<IReadOnlyList<DependencyJournal>> ReadJournalsAsync(IEnumerable<IDependencyControl> controls, CancellationToken cancellationToken)
    {
        var journals = new List<DependencyJournal>();
        foreach (var control in controls)
        {
            journals.Add(await control.ReadJournalAsync(cancellationToken).ConfigureAwait(false));
        }

        return journals;
    }
}
