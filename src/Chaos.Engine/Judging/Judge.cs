using System.Globalization;
using Chaos.Engine.Faults;
using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Chaos.Engine.Telemetry;

namespace Chaos.Engine.Judging;

/// <summary>
/// Judges a scenario's expectations against what a run measured: journey outcomes and latency (from the
/// recorder), circuit transitions (from the target's circuit observer) and dependency calls (from the simulators'
/// journals). An expectation with nothing to measure is reported as unmeasured, never as passed.
/// </summary>
internal sealed class Judge
{
    private readonly IReadOnlyDictionary<string, PhaseWindow> _phases;
    private readonly RunRecorder _recorder;
    private readonly IReadOnlyList<CircuitTransition> _circuits;
    private readonly IReadOnlyList<FaultEvent> _faultEvents;
    private readonly IReadOnlyDictionary<string, DependencyJournal> _journals;
    private readonly DateTimeOffset _loadStartUtc;

    /// <summary>Initializes a new instance of the <see cref="Judge"/> class.</summary>
    /// <param name="phases">The run's judging phases.</param>
    /// <param name="recorder">The journeys' outcomes and latencies.</param>
    /// <param name="circuits">The circuit transitions the target's observer saw.</param>
    /// <param name="faultEvents">When each fault was really applied and cleared.</param>
    /// <param name="journals">The dependencies' journals.</param>
    /// <param name="loadStartUtc">The wall-clock instant of offset zero, to place journal entries.</param>
    public Judge(
        IReadOnlyList<PhaseWindow> phases,
        RunRecorder recorder,
        IReadOnlyList<CircuitTransition> circuits,
        IReadOnlyList<FaultEvent> faultEvents,
        IEnumerable<DependencyJournal> journals,
        DateTimeOffset loadStartUtc)
    {
        _phases = phases.ToDictionary(p => p.Name, StringComparer.Ordinal);
        _recorder = recorder;
        _circuits = circuits;
        _faultEvents = faultEvents;
        _journals = journals.ToDictionary(j => j.Dependency, StringComparer.Ordinal);
        _loadStartUtc = loadStartUtc;
    }

    /// <summary>Gets the orders the system told the load engine it accepted, with offsets from the start of the load (for <c>fallbacks</c> of <c>paymentPending</c>).</summary>
    public IReadOnlyList<AcceptedOrder> AcceptedOrders { get; init; } = [];

    /// <summary>Gets the system's status samples (the storefront's /status) over the load and the drain (for <c>drainTime</c> and <c>fallbacks</c> of <c>hostFailover</c>).</summary>
    public IReadOnlyList<StatusSample> StatusSamples { get; init; } = [];

    /// <summary>Gets the hosts of the target's pools, so that a pool's retries are counted over its hosts' journals.</summary>
    public IReadOnlyList<DependencyTarget> Hosts { get; init; } = [];

    /// <summary>Gets the dependency whose charges count as <c>fallbacks</c> of <c>secondaryGateway</c> (the target's <see cref="ITargetRun.FallbackGateway"/>), or null.</summary>
    public string? FallbackGateway { get; init; }

    /// <summary>Gets whether judging <paramref name="metric"/> reads the simulators' journals (the calls each dependency received).</summary>
    public static bool ReadsJournals(ExpectationMetric metric) =>
        metric is ExpectationMetric.Amplification or ExpectationMetric.RetriesPerRequest or ExpectationMetric.Fallbacks;

    /// <summary>Judges every expectation.</summary>
    public IReadOnlyList<ExpectationResult> Evaluate(IEnumerable<Expectation> expectations) => expectations.Select(Evaluate).ToArray();

    /// <summary>Judges one expectation.</summary>
    public ExpectationResult Evaluate(Expectation expectation)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        if (!_phases.TryGetValue(expectation.Phase, out var phase))
        {
            return Unmeasured(expectation, $"the run has no phase '{expectation.Phase}'");
        }

        return expectation.Metric switch
        {
            ExpectationMetric.SuccessRate or ExpectationMetric.AvailableRate => JudgeRate(expectation, phase),
            ExpectationMetric.P50 or ExpectationMetric.P95 or ExpectationMetric.P99 => JudgeLatency(expectation, phase),
            ExpectationMetric.TimeToCircuitOpen => JudgeCircuit(expectation, phase, opening: true),
            ExpectationMetric.TimeToRecover => JudgeCircuit(expectation, phase, opening: false),
            ExpectationMetric.Amplification => JudgeAmplification(expectation, phase),
            ExpectationMetric.UnexpectedFailures => JudgeUnexpectedFailures(expectation, phase),
            ExpectationMetric.Fallbacks => JudgeFallbacks(expectation, phase),
            ExpectationMetric.RetriesPerRequest => JudgeRetries(expectation, phase),
            ExpectationMetric.DrainTime => JudgeDrainTime(expectation, phase),
            _ => Unmeasured(expectation, $"metric {expectation.Metric} is not measured by this harness"),
        };
    }

    private ExpectationResult JudgeRate(Expectation expectation, PhaseWindow phase)
    {
        var summary = _recorder.Summarize(expectation.Journey, phase.From, phase.To);
        if (summary.Count == 0)
        {
            return Unmeasured(expectation, "no journey started in this phase");
        }

        var observed = expectation.Metric == ExpectationMetric.SuccessRate ? summary.SuccessRate : summary.AvailableRate;
        var failures = summary.ByOutcome
            .Where(o => o.Key != OutcomeKind.Success && o.Value > 0)
            .OrderByDescending(o => o.Value)
            .Select(o => $"{o.Value} {o.Key}");
        var detail = $"{summary.Succeeded} of {summary.Count} journeys succeeded" +
            (summary.Succeeded < summary.Count ? $"; {string.Join(", ", failures)}" : "");
        return Compare(expectation, observed, detail);
    }

    private ExpectationResult JudgeLatency(Expectation expectation, PhaseWindow phase)
    {
        var summary = _recorder.Summarize(expectation.Journey, phase.From, phase.To);
        var completed = summary.Count - summary.ByOutcome.GetValueOrDefault(OutcomeKind.Dropped);
        if (completed <= 0)
        {
            return Unmeasured(expectation, "no journey completed in this phase");
        }

        var observed = expectation.Metric switch
        {
            ExpectationMetric.P50 => summary.P50Seconds,
            ExpectationMetric.P95 => summary.P95Seconds,
            _ => summary.P99Seconds,
        };
        var lag = summary.LagP99Seconds;
        var result = Compare(expectation, observed, $"over {completed} journeys, max {FormatSeconds(summary.MaxSeconds)}, engine schedule lag p99 {FormatSeconds(double.IsNaN(lag) ? 0 : lag)}");
        if (result is { Measured: true, Passed: false } && expectation.AtMost is { } bound && observed > bound && lag >= observed * LagShareOfBlame)
        {
            // The latency counts from each journey's intended start; when the engine itself started the journeys that
            // late, the bound failed on the harness's lateness as much as on the system's: not a verdict on the system.
            return Unmeasured(expectation, $"{expectation.Phase}: the harness could not keep the schedule: it started journeys up to {FormatSeconds(summary.LagMaxSeconds)} late "
                + $"(schedule lag p99 {FormatSeconds(lag)}), at least half of the observed {MetricNames.Of(expectation.Metric)} {FormatSeconds(observed)}, so the failed bound {FormatSeconds(bound)} "
                + "cannot be blamed on the system; lower the load (--load-scale), or run the load engine on a machine of its own", custom: true);
        }

        return result;
    }

    /// <summary>
    /// The share of an observed latency at or above which the engine's own schedule lag makes a failed latency bound a
    /// harness error rather than a failure of the system.
    /// </summary>
    internal const double LagShareOfBlame = 0.5;

    private ExpectationResult JudgeCircuit(Expectation expectation, PhaseWindow phase, bool opening)
    {
        var dependency = expectation.Dependency ?? "";
        var reference = ActualOffset(phase.Name, opening ? FaultTimelinePlayer.Applied : FaultTimelinePlayer.Cleared) ?? (opening ? phase.From : phase.To);
        var transitions = _circuits.Where(t => t.Dependency == dependency).ToList();
        if (transitions.Count == 0)
        {
            return Unmeasured(expectation, $"no circuit state of {dependency} was reported during the run");
        }

        CircuitTransition? seen;
        if (opening)
        {
            // A circuit already open when the fault starts (an earlier fault on the same dependency opened it) was
            // protecting the storefront from the first moment: that is 0 s, not "never".
            if (transitions.LastOrDefault(t => t.At < reference)?.State == CircuitStates.Open)
            {
                return Compare(expectation, 0, $"the circuit of {dependency} was already open when the fault started at {FormatSeconds(reference.TotalSeconds)}");
            }

            seen = transitions.FirstOrDefault(t => t.At >= reference && t.State == CircuitStates.Open);
            if (seen is null)
            {
                return Fail(expectation, null, $"the circuit of {dependency} never opened after the fault started at {FormatSeconds(reference.TotalSeconds)}");
            }
        }
        else
        {
            // Recovered when the last state seen at or after the fault cleared is closed: the first closed
            // transition after which it stays closed.
            var after = transitions.Where(t => t.At >= reference).ToList();
            var stateAtClear = transitions.LastOrDefault(t => t.At < reference)?.State;
            if (after.Count == 0)
            {
                return stateAtClear == CircuitStates.Closed
                    ? Compare(expectation, 0, $"the circuit of {dependency} was closed when the fault cleared")
                    : Fail(expectation, null, $"the circuit of {dependency} did not close after the fault cleared");
            }

            seen = after[^1].State == CircuitStates.Closed ? after[^1] : null;
            if (seen is null)
            {
                return Fail(expectation, null, $"the circuit of {dependency} was still {after[^1].State} at the end of the run");
            }
        }

        return Compare(expectation, (seen.At - reference).TotalSeconds, $"{(opening ? "opened" : "closed")} at {FormatSeconds(seen.At.TotalSeconds)}, fault {(opening ? "started" : "cleared")} at {FormatSeconds(reference.TotalSeconds)}");
    }

    private ExpectationResult JudgeAmplification(Expectation expectation, PhaseWindow phase)
    {
        var dependency = expectation.Dependency ?? "";
        if (!_journals.TryGetValue(dependency, out var journal))
        {
            return Unmeasured(expectation, $"no journal for {dependency}");
        }

        var from = _loadStartUtc + phase.From;
        var to = _loadStartUtc + phase.To;
        var calls = journal.Calls.Count(c => c.At >= from && c.At < to);
        var journeys = _recorder.Summarize(expectation.Journey, phase.From, phase.To);
        var started = journeys.Count - journeys.ByOutcome.GetValueOrDefault(OutcomeKind.Dropped);
        if (started <= 0)
        {
            return Unmeasured(expectation, "no journey started in this phase");
        }

        var who = expectation.Journey is null ? "journeys" : $"{expectation.Journey} journeys";
        return Compare(expectation, (double)calls / started, $"{calls} calls for {started} {who}");
    }

    private ExpectationResult JudgeUnexpectedFailures(Expectation expectation, PhaseWindow phase)
    {
        var summary = _recorder.Summarize(expectation.Journey, phase.From, phase.To);
        var who = $"{phase.Name} {expectation.Journey ?? "all journeys"}";
        var expected = $"[{string.Join(", ", expectation.ExpectedFailures)}]";
        if (summary.Count == 0)
        {
            return Unmeasured(expectation, $"{who}: no journey started in this phase, so unexpected failures cannot be counted", custom: true);
        }

        var unexpected = summary.Failures
            .Where(f => f.Value > 0 && !IsExpected(f.Key, expectation.ExpectedFailures))
            .GroupBy(f => f.Key.Label, StringComparer.Ordinal)
            .Select(g => (Label: g.Key, Count: g.Sum(f => f.Value)))
            .OrderByDescending(f => f.Count)
            .ThenBy(f => f.Label, StringComparer.Ordinal)
            .ToList();
        var count = unexpected.Sum(f => f.Count);
        var share = (double)count / summary.Count;
        var kinds = count == 0 ? "" : $" ({string.Join(", ", unexpected.Select(f => $"{f.Label} x{f.Count}"))})";
        var message = $"{who}: {count} of {summary.Count} journeys ({Percent(share)}) failed unexpectedly{kinds}; expected {Expected(expectation, Percent)} beyond {expected}";
        return Compare(expectation, share, message, custom: true);
    }

    /// <summary>Whether a failure is of a kind the expectation lists.</summary>
    internal static bool IsExpected(FailureKey failure, IReadOnlyList<string> kinds)
    {
        foreach (var kind in kinds)
        {
            var matches = kind switch
            {
                ExpectedFailureKinds.Degraded => failure.Outcome == OutcomeKind.Degraded,
                ExpectedFailureKinds.Timeout => failure.Outcome == OutcomeKind.Timeout,
                ExpectedFailureKinds.ConnectionError => failure.Outcome == OutcomeKind.ConnectionError,
                ExpectedFailureKinds.HttpError => failure.Outcome == OutcomeKind.HttpError,
                _ => failure.StatusCode > 0 && failure.Outcome is OutcomeKind.HttpError or OutcomeKind.Degraded
                    && int.TryParse(kind, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status == failure.StatusCode,
            };
            if (matches)
            {
                return true;
            }
        }

        return false;
    }

    private ExpectationResult JudgeFallbacks(Expectation expectation, PhaseWindow phase)
    {
        var fallback = expectation.Fallback ?? FallbackKind.SecondaryGateway;
        var name = MetricNames.Of(fallback);
        var who = $"{phase.Name} fallbacks {name}";
        switch (fallback)
        {
            case FallbackKind.SecondaryGateway:
            {
                if (FallbackGateway is not { } secondary)
                {
                    return Unmeasured(expectation, $"{who}: the system under test names no gateway that payments fall back to, so fallback charges cannot be counted", custom: true);
                }

                if (!_journals.TryGetValue(secondary, out var journal))
                {
                    return Unmeasured(expectation, $"{who}: there is no journal of {secondary}, so its charges cannot be counted; configure a secondary gateway simulator", custom: true);
                }

                var (from, to) = (_loadStartUtc + phase.From, _loadStartUtc + phase.To);
                var charges = journal.Charges.Count(c => c.At >= from && c.At < to);
                return Compare(expectation, charges, $"{who}: {charges} charges on {secondary} in the phase; expected {Expected(expectation, Count)}", custom: true);
            }

            case FallbackKind.PaymentPending:
            {
                var pending = AcceptedOrders.Count(o => o.Status == AcceptedOrder.PaymentPending && o.At >= phase.From && o.At < phase.To);
                var accepted = AcceptedOrders.Count(o => o.At >= phase.From && o.At < phase.To);
                return Compare(expectation, pending, $"{who}: {pending} of {accepted} orders accepted in the phase were {AcceptedOrder.PaymentPending}; expected {Expected(expectation, Count)}", custom: true);
            }

            default:
            {
                var counted = StatusSamples.Where(s => s.FulfillmentFailovers is not null).ToList();
                if (counted.Count == 0)
                {
                    return Unmeasured(expectation, $"{who}: the storefront's /status never reported fulfillment.failovers, so host failovers cannot be counted; run a storefront that reports it", custom: true);
                }

                var inPhase = counted.Where(s => s.At >= phase.From && s.At <= phase.To).ToList();
                if (inPhase.Count == 0)
                {
                    return Unmeasured(expectation, $"{who}: the storefront's /status was not sampled during the phase", custom: true);
                }

                var before = counted.LastOrDefault(s => s.At <= phase.From) ?? inPhase[0];
                var after = inPhase[^1];
                var failovers = after.FulfillmentFailovers!.Value - before.FulfillmentFailovers!.Value;
                return Compare(expectation, failovers, $"{who}: {failovers} shipments moved to another host between {FormatSeconds(before.At.TotalSeconds)} and {FormatSeconds(after.At.TotalSeconds)}; expected {Expected(expectation, Count)}", custom: true);
            }
        }
    }

    private ExpectationResult JudgeRetries(Expectation expectation, PhaseWindow phase)
    {
        var dependency = expectation.Dependency ?? "";
        var subject = expectation.Route is null ? dependency : $"{dependency} {expectation.Route}";
        var who = $"{phase.Name} {subject}";

        // A pool's retries may land on another host: its hosts' journals are read as one.
        var journals = _journals.Values
            .Where(j => j.Dependency == dependency || Hosts.Any(h => h.Name == j.Dependency && h.Pool == dependency))
            .ToList();
        if (journals.Count == 0)
        {
            return Unmeasured(expectation, $"{who}: there is no journal of {dependency}, so its retries cannot be counted", custom: true);
        }

        var (from, to) = (_loadStartUtc + phase.From, _loadStartUtc + phase.To);
        var calls = journals.SelectMany(j => j.Calls)
            .Where(c => c.At >= from && c.At < to && (expectation.Route is null || c.Route == expectation.Route))
            .ToList();
        if (calls.Count == 0)
        {
            return Unmeasured(expectation, $"{who}: {dependency} received no call in this phase, so there is no request to count retries of", custom: true);
        }

        var keyed = calls.Where(c => c.RequestKey is not null).GroupBy(c => c.RequestKey!, StringComparer.Ordinal).ToList();
        if (keyed.Count == 0)
        {
            return Unmeasured(expectation, $"{who}: none of its {calls.Count} calls carried a request key (Idempotency-Key, the charged order, shipment key or username), so retries of one request cannot be told apart; limit it to a route that carries one, like route: charges", custom: true);
        }

        var worst = keyed.MaxBy(g => g.Count())!;
        var max = worst.Count() - 1;
        var mean = keyed.Average(g => g.Count() - 1.0);
        var unkeyed = calls.Count - keyed.Sum(g => g.Count());
        var skipped = unkeyed > 0 ? $", {unkeyed} calls without a key left out" : "";
        var message = $"{who}: at most {max} retries per request (mean {mean.ToString("0.##", CultureInfo.InvariantCulture)} over {keyed.Count} requests, {worst.Count()} calls with key {worst.Key}{skipped}); expected {Expected(expectation, Count)}";
        return Compare(expectation, max, message, custom: true);
    }

    private ExpectationResult JudgeDrainTime(Expectation expectation, PhaseWindow phase)
    {
        var end = phase.Name == PhaseWindow.Fault ? phase.To : ActualOffset(phase.Name, FaultTimelinePlayer.Cleared) ?? phase.To;
        var who = $"{phase.Name} drainTime";
        var after = StatusSamples.Where(s => s.At >= end).OrderBy(s => s.At).ToList();
        if (after.Count == 0)
        {
            return Unmeasured(expectation, $"{who}: the storefront's /status was not sampled after the fault ended at {FormatSeconds(end.TotalSeconds)}", custom: true);
        }

        var empty = after.FirstOrDefault(s => s.PendingPayments + s.PendingShipments == 0);
        if (empty is null)
        {
            var last = after[^1];
            return Fail(expectation, null, $"{who}: the backlog never reached zero after the fault ended at {FormatSeconds(end.TotalSeconds)}: still {last.PendingPayments + last.PendingShipments} pending after the drain ({last.PendingPayments} payments, {last.PendingShipments} shipments at {FormatSeconds(last.At.TotalSeconds)}); expected {Expected(expectation, FormatSeconds)}", custom: true);
        }

        var peak = after.TakeWhile(s => s != empty).Select(s => s.PendingPayments + s.PendingShipments).DefaultIfEmpty(0).Max();
        var seconds = (empty.At - end).TotalSeconds;
        return Compare(expectation, seconds, $"{who}: the backlog (peak {peak} pending after the fault) reached zero at {FormatSeconds(empty.At.TotalSeconds)}, {FormatSeconds(seconds)} after the fault ended at {FormatSeconds(end.TotalSeconds)}; expected {Expected(expectation, FormatSeconds)}", custom: true);
    }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Count(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"at least 10", "at most 0%", "at least 1 and at most 3".</summary>
    private static string Expected(Expectation expectation, Func<double, string> format) =>
        MetricNames.JoinBounds(expectation.AtLeast, expectation.AtMost, "at least", "at most", format);

    private TimeSpan? ActualOffset(string fault, string action) =>
        _faultEvents.FirstOrDefault(e => e.Fault == fault && e.Action == action)?.Actual;

    private static ExpectationResult Compare(Expectation expectation, double observed, string detail, bool custom = false)
    {
        if (double.IsNaN(observed))
        {
            return Unmeasured(expectation, detail, custom);
        }

        var passed = (expectation.AtLeast is not { } min || observed >= min) && (expectation.AtMost is not { } max || observed <= max);
        return Result(expectation, observed, passed, measured: true, detail, custom);
    }

    private static ExpectationResult Fail(Expectation expectation, double? observed, string detail, bool custom = false) =>
        Result(expectation, observed, passed: false, measured: true, detail, custom);

    /// <summary>The result of an expectation the run did not judge (it stopped early), saying why.</summary>
    internal static ExpectationResult NotJudged(Expectation expectation, string why) =>
        Result(expectation, null, passed: false, measured: false, why, custom: true) with { Message = why, Skipped = true };

    private static ExpectationResult Unmeasured(Expectation expectation, string detail, bool custom = false) =>
        Result(expectation, null, passed: false, measured: false, detail, custom);

    /// <summary>
    /// Builds a result. A <paramref name="custom"/> detail is already the whole one-line message (the newer metrics say
    /// what they counted in their own words); otherwise the detail is wrapped in the standard line.
    /// </summary>
    private static ExpectationResult Result(Expectation expectation, double? observed, bool passed, bool measured, string detail, bool custom = false)
    {
        var metric = MetricNames.Of(expectation.Metric);
        var subject = string.Join(" · ", new[] { expectation.Phase, expectation.Journey, expectation.Dependency }.Where(s => s is not null));
        var verdict = !measured ? "NOT MEASURED" : passed ? "ok" : "FAILED";
        var message = custom
            ? (measured ? detail : $"{detail} (not measured)")
            : $"{subject} · {metric}: expected {Bound(expectation)}, observed {Format(expectation.Metric, observed)} ({detail}) {verdict}";
        return new ExpectationResult(
            expectation.Phase,
            expectation.Journey,
            expectation.Dependency,
            metric,
            expectation.AtLeast,
            expectation.AtMost,
            observed,
            passed,
            measured,
            message,
            expectation.Line)
        {
            ExpectedFailures = expectation.Metric == ExpectationMetric.UnexpectedFailures ? expectation.ExpectedFailures : null,
            Fallback = expectation.Fallback is { } fallback ? MetricNames.Of(fallback) : null,
            Route = expectation.Route,
        };
    }

    /// <summary>Formats the bound of an expectation, e.g. "≥ 0.95" or "≤ 2s".</summary>
    public static string Bound(Expectation expectation)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        return MetricNames.FormatBounds(MetricNames.Of(expectation.Metric), expectation.AtLeast, expectation.AtMost);
    }

    /// <summary>Formats a metric's value for people.</summary>
    public static string Format(ExpectationMetric metric, double? value) =>
        value is null ? "nothing" : MetricNames.FormatValue(MetricNames.Of(metric), value);

    private static string FormatSeconds(double seconds) => MetricNames.FormatSeconds(seconds);
}
