using System.Globalization;
using Chaos.Engine.Judging;
using Chaos.Engine.Scenarios;
using Chaos.Engine.Telemetry;

namespace Chaos.Engine.Reports;

/// <summary>
/// The same scenario, seed and load run against several storefront configurations, side by side: verdict and
/// reasons per configuration, success and p99 by phase and journey, amplification, circuit timings, invariants.
/// </summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Incident">The incident it replays.</param>
/// <param name="Seed">The seed every run used.</param>
/// <param name="Configs">The configurations in the order given, with their verdicts.</param>
/// <param name="Rows">The compared figures, one value per configuration.</param>
public sealed record ComparisonReport(string Scenario, string Incident, int Seed, IReadOnlyList<ComparedConfig> Configs, IReadOnlyList<ComparisonRow> Rows)
{
    /// <summary>The metrics whose message is already one line saying what was counted and what was expected.</summary>
    internal static readonly string[] SaysItself = ["unexpectedFailures", "fallbacks", "retriesPerRequest", "drainTime"];

    /// <summary>Gets the exit code of the comparison: 3 when a run could not be judged, 1 when a configuration failed, else 0.</summary>
    public int ExitCode => Configs.Any(c => c.Verdict == Verdict.Error) ? 3 : Configs.Any(c => c.Verdict == Verdict.Fail) ? 1 : 0;

    /// <summary>Compares the reports of one scenario run against each configuration.</summary>
    /// <param name="runs">Each configuration's name, its files, where its reports are, and its report (null when the run wrote none).</param>
    public static ComparisonReport Build(IReadOnlyList<ConfigRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var reports = runs.Select(r => r.Report).ToArray();
        var first = reports.FirstOrDefault(r => r is not null);
        var configs = runs.Select(r => new ComparedConfig(
            r.Name,
            r.Files,
            r.ReportDirectory,
            r.Report?.Verdict ?? Verdict.Error,
            r.Report is { } report ? Reasons(report) : ["the run wrote no report.json; see its console output"])).ToArray();

        var rows = new List<ComparisonRow>
        {
            Row("verdict", "verdict", reports, r => null, r => r.Verdict.ToString().ToLowerInvariant(), r => r.Verdict != Verdict.Pass),
        };

        // Phases as the run unfolds: baseline, each fault by start, the whole fault window, recovery, the run.
        var phaseJourneys = reports.Where(r => r is not null)
            .SelectMany(r => r!.Phases.SelectMany(p => p.Journeys.Select(j => (Phase: p.Name, j.Journey, Order: (PhaseGroup(p.Name), p.FromSeconds)))))
            .DistinctBy(p => (p.Phase, p.Journey))
            .OrderBy(p => p.Order.Item1)
            .ThenBy(p => p.Order.FromSeconds)
            .Select(p => (p.Phase, p.Journey))
            .ToArray();
        foreach (var (phase, journey) in phaseJourneys)
        {
            rows.Add(Row("success by phase", $"{phase} · {journey}", reports,
                r => JourneyIn(r, phase, journey)?.SuccessRate,
                r => JourneyIn(r, phase, journey) is { SuccessRate: { } rate } j ? $"{(rate * 100).ToString("0.0", CultureInfo.InvariantCulture)}% of {j.Count}" : "-",
                r => FailedExpectation(r, phase, journey, null, "successRate", "availableRate")));
        }

        foreach (var (phase, journey) in phaseJourneys)
        {
            rows.Add(Row("p99 by phase", $"{phase} · {journey}", reports,
                r => JourneyIn(r, phase, journey) is { Count: > 0 } j ? j.P99Seconds : null,
                r => JourneyIn(r, phase, journey) is { Count: > 0 } j ? MetricNames.FormatSeconds(j.P99Seconds) : "-",
                r => FailedExpectation(r, phase, journey, null, "p99", "p95", "p50")));
        }

        var judged = reports.Where(r => r is not null)
            .SelectMany(r => r!.Expectations.Where(e => e.Metric == "amplification").Select(e => (e.Phase, e.Journey, e.Dependency)))
            .Distinct()
            .ToArray();
        foreach (var (phase, journey, dependency) in judged)
        {
            rows.Add(Row("amplification", $"{phase} · {dependency} calls per {journey ?? "journey"}", reports,
                r => Expectation(r, phase, journey, dependency, "amplification")?.Observed,
                r => MetricNames.FormatValue("amplification", Expectation(r, phase, journey, dependency, "amplification")?.Observed),
                r => Expectation(r, phase, journey, dependency, "amplification") is { Passed: false }));
        }

        var dependencies = reports.Where(r => r is not null).SelectMany(r => r!.Dependencies.Select(d => d.Dependency)).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var dependency in dependencies)
        {
            rows.Add(Row("dependency calls", $"{dependency} calls (faulted)", reports,
                r => r.Dependencies.FirstOrDefault(d => d.Dependency == dependency)?.Calls,
                r => r.Dependencies.FirstOrDefault(d => d.Dependency == dependency) is { } d ? $"{d.Calls} ({d.FaultedCalls})" : "-",
                _ => false));
            rows.Add(Row("dependency calls", $"{dependency} charges", reports,
                r => r.Dependencies.FirstOrDefault(d => d.Dependency == dependency)?.Charges,
                r => r.Dependencies.FirstOrDefault(d => d.Dependency == dependency)?.Charges.ToString(CultureInfo.InvariantCulture) ?? "-",
                _ => false));
        }

        var windows = reports.Where(r => r is not null).SelectMany(r => HtmlReportWriter.FaultWindows(r!).Select(w => (w.Fault, w.Dependency))).Distinct().ToArray();
        foreach (var (fault, dependency) in windows)
        {
            rows.Add(Row("circuits", $"{fault} · {dependency} time to open", reports,
                r => CircuitTimings(r, fault, dependency).ToOpen,
                r => Timing(CircuitTimings(r, fault, dependency).ToOpen, r.Circuits.Any(c => c.Dependency == dependency) ? "never opened" : "no circuit reported"),
                r => FailedExpectation(r, fault, null, dependency, "timeToCircuitOpen")));
            rows.Add(Row("circuits", $"{fault} · {dependency} time to recover", reports,
                r => CircuitTimings(r, fault, dependency).ToRecover,
                r => Timing(CircuitTimings(r, fault, dependency).ToRecover, r.Circuits.Any(c => c.Dependency == dependency) ? "not closed" : "no circuit reported"),
                r => FailedExpectation(r, fault, null, dependency, "timeToRecover")));
        }

        var invariants = reports.Where(r => r is not null).SelectMany(r => r!.Invariants.Select(i => i.Name)).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var name in invariants)
        {
            rows.Add(Row("invariants", name, reports,
                r => r.Invariants.FirstOrDefault(i => i.Name == name) is { } i ? (i.Passed ? 1 : 0) : null,
                r => r.Invariants.FirstOrDefault(i => i.Name == name) is { } i ? $"{(i.Passed ? "holds" : "BROKEN")}: {i.Message}" : "-",
                r => r.Invariants.FirstOrDefault(i => i.Name == name) is { Passed: false }));
        }

        return new ComparisonReport(first?.Scenario ?? "(no report)", first?.Incident ?? "", first?.Seed ?? 0, configs, rows);
    }

    /// <summary>Why a run did not pass, one line per failed expectation, broken invariant or harness error; empty when it passed.</summary>
    public static IReadOnlyList<string> Reasons(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var reasons = new List<string>();
        reasons.AddRange(report.Errors.Select(e => $"harness error: {e}"));
        reasons.AddRange(report.Invariants.Where(i => !i.Passed).Select(i => $"{i.Name} {(i.Measured ? "broken" : "not checked")}: {i.Message}"));
        reasons.AddRange(report.Expectations.Where(e => e.Measured && !e.Passed).Select(e => SaysItself.Contains(e.Metric)
            ? e.Message
            : $"{e.Phase} · {string.Join(" · ", new[] { e.Journey, e.Dependency }.Where(s => s is not null).DefaultIfEmpty("all"))} · {e.Metric}: observed {(e.Observed is null ? "nothing" : MetricNames.FormatValue(e.Metric, e.Observed))}, expected {MetricNames.FormatBounds(e.Metric, e.AtLeast, e.AtMost)}"));
        return reasons;
    }

    /// <summary>
    /// How long a dependency's circuit took to open after a fault was applied (the first <c>open</c> before the fault
    /// cleared), and to close for good after it cleared (before the next fault on that dependency); null when it did not.
    /// </summary>
    public static (double? ToOpen, double? ToRecover) CircuitTimings(RunReport report, string fault, string dependency)
    {
        ArgumentNullException.ThrowIfNull(report);
        var windows = HtmlReportWriter.FaultWindows(report).Where(w => w.Dependency == dependency).OrderBy(w => w.From).ToList();
        var index = windows.FindIndex(w => w.Fault == fault);
        var transitions = report.Circuits.Where(c => c.Dependency == dependency).OrderBy(c => c.AtSeconds).ToList();
        if (index < 0 || transitions.Count == 0)
        {
            return (null, null);
        }

        var (_, _, from, to) = windows[index];
        var next = index + 1 < windows.Count ? windows[index + 1].From : double.PositiveInfinity;
        double? toOpen = transitions.FirstOrDefault(c => c.AtSeconds >= from && c.AtSeconds <= to && CircuitStates.IsOpen(c.State)) is { } opened ? opened.AtSeconds - from : null;

        var stateAtClear = transitions.LastOrDefault(c => c.AtSeconds < to)?.State;
        var after = transitions.Where(c => c.AtSeconds >= to && c.AtSeconds < next).ToList();
        // Transitions record changes only, so when the last one before the next fault is closed, it closed there for good.
        double? toRecover = after.Count == 0
            ? (stateAtClear == CircuitStates.Closed ? 0 : null)
            : (after[^1].State == CircuitStates.Closed ? after[^1].AtSeconds - to : null);
        return (toOpen, toRecover);
    }

    private static int PhaseGroup(string phase) => phase switch
    {
        ScenarioVocabulary.BaselinePhase => 0,
        ScenarioVocabulary.FaultPhase => 2,
        ScenarioVocabulary.RecoveryPhase => 3,
        ScenarioVocabulary.RunPhase => 4,
        _ => 1,
    };

    private static string Timing(double? seconds, string otherwise) => seconds is { } s ? MetricNames.FormatSeconds(s) : otherwise;

    private static JourneyReport? JourneyIn(RunReport report, string phase, string journey) =>
        report.Phases.FirstOrDefault(p => p.Name == phase)?.Journeys.FirstOrDefault(j => j.Journey == journey);

    private static ExpectationResult? Expectation(RunReport report, string phase, string? journey, string? dependency, string metric) =>
        report.Expectations.FirstOrDefault(e => e.Phase == phase && e.Journey == journey && e.Dependency == dependency && e.Metric == metric);

    private static bool FailedExpectation(RunReport report, string phase, string? journey, string? dependency, params string[] metrics) =>
        report.Expectations.Any(e => e.Phase == phase && e.Journey == journey && (dependency is null || e.Dependency == dependency) && metrics.Contains(e.Metric) && e.Measured && !e.Passed);

    private static ComparisonRow Row(string section, string name, IReadOnlyList<RunReport?> reports, Func<RunReport, double?> value, Func<RunReport, string> display, Func<RunReport, bool> failed) => new(
        section,
        name,
        reports.Select(r => r is null ? null : value(r)).ToArray(),
        reports.Select(r => r is null ? "no report" : display(r)).ToArray(),
        reports.Select(r => r is not null && failed(r)).ToArray());
}
