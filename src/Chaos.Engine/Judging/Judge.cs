using System.Globalization;
using Chaos.Engine.Faults;
using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Judging;

/// <summary>
/// Judges a scenario's expectations against what a run measured: journey outcomes and latency (from the
/// recorder), circuit transitions (from the storefront's status) and dependency calls (from the simulators'
/// journals). An expectation with nothing to measure is reported as unmeasured, never as passed.
/// </summary>
public sealed class Judge
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
    /// <param name="circuits">The circuit transitions seen on the storefront's status.</param>
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
        return Compare(expectation, observed, $"over {completed} journeys, max {FormatSeconds(summary.MaxSeconds)}");
    }

    private ExpectationResult JudgeCircuit(Expectation expectation, PhaseWindow phase, bool opening)
    {
        var dependency = expectation.Dependency ?? "";
        var reference = ActualOffset(phase.Name, opening ? "applied" : "cleared") ?? (opening ? phase.From : phase.To);
        var transitions = _circuits.Where(t => t.Dependency == dependency).ToList();
        if (transitions.Count == 0)
        {
            return Unmeasured(expectation, $"the storefront's status never reported a circuit for {dependency}");
        }

        CircuitTransition? seen;
        if (opening)
        {
            seen = transitions.FirstOrDefault(t => t.At >= reference && t.State == "open");
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
                return stateAtClear == "closed"
                    ? Compare(expectation, 0, $"the circuit of {dependency} was closed when the fault cleared")
                    : Fail(expectation, null, $"the circuit of {dependency} did not close after the fault cleared");
            }

            seen = after[^1].State == "closed" ? after[^1] : null;
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

    private TimeSpan? ActualOffset(string fault, string action) =>
        _faultEvents.FirstOrDefault(e => e.Fault == fault && e.Action == action)?.Actual;

    private static ExpectationResult Compare(Expectation expectation, double observed, string detail)
    {
        if (double.IsNaN(observed))
        {
            return Unmeasured(expectation, detail);
        }

        var passed = (expectation.AtLeast is not { } min || observed >= min) && (expectation.AtMost is not { } max || observed <= max);
        return Result(expectation, observed, passed, measured: true, detail);
    }

    private static ExpectationResult Fail(Expectation expectation, double? observed, string detail) =>
        Result(expectation, observed, passed: false, measured: true, detail);

    private static ExpectationResult Unmeasured(Expectation expectation, string detail) =>
        Result(expectation, null, passed: false, measured: false, detail);

    private static ExpectationResult Result(Expectation expectation, double? observed, bool passed, bool measured, string detail)
    {
        var metric = MetricNames.Of(expectation.Metric);
        var subject = string.Join(" · ", new[] { expectation.Phase, expectation.Journey, expectation.Dependency }.Where(s => s is not null));
        var verdict = !measured ? "NOT MEASURED" : passed ? "ok" : "FAILED";
        var message = $"{subject} · {metric}: expected {Bound(expectation)}, observed {Format(expectation.Metric, observed)} ({detail}) {verdict}";
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
            expectation.Line);
    }

    /// <summary>Formats the bound of an expectation, e.g. "≥ 0.95" or "≤ 2s".</summary>
    public static string Bound(Expectation expectation)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        var parts = new List<string>();
        if (expectation.AtLeast is { } min)
        {
            parts.Add($">= {Format(expectation.Metric, min)}");
        }

        if (expectation.AtMost is { } max)
        {
            parts.Add($"<= {Format(expectation.Metric, max)}");
        }

        return string.Join(" and ", parts);
    }

    /// <summary>Formats a metric's value for people.</summary>
    public static string Format(ExpectationMetric metric, double? value) =>
        value is null ? "nothing" : MetricNames.FormatValue(MetricNames.Of(metric), value);

    private static string FormatSeconds(double seconds) => MetricNames.FormatSeconds(seconds);
}
