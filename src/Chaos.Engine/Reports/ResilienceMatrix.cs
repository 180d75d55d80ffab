using Chaos.Engine.Judging;
using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Reports;

/// <summary>
/// The resiliency matrix: for every scenario (incident) and journey, what the scenario expects of the journey while
/// its faults are active (ok / degraded / down) and what each storefront configuration delivered.
/// </summary>
/// <remarks>
/// A journey is <b>ok</b> in a phase when at least 95% of its journeys succeeded; <b>degraded</b> when at least 50%
/// succeeded, or when at least 95% either succeeded or were refused honestly (503 or 429 with <c>Retry-After</c>);
/// otherwise <b>down</b>. Observed is the worst of the fault phases (each fault's window; the whole run when the scenario
/// has no fault). Expected is read from the scenario's success-rate, available-rate and unexpected-failure expectations on
/// the journey in those phases and in <c>fault</c> and <c>run</c> (see <see cref="Expected"/>); none is <c>not stated</c>.
/// </remarks>
/// <param name="Configs">The configurations, in column order.</param>
/// <param name="Rows">One row per scenario and journey.</param>
/// <param name="Runs">Every run's verdict and reasons.</param>
public sealed record ResilienceMatrix(IReadOnlyList<string> Configs, IReadOnlyList<MatrixRow> Rows, IReadOnlyList<MatrixRun> Runs)
{
    /// <summary>The least share of successes for <c>ok</c>.</summary>
    public const double OkSuccessRate = 0.95;

    /// <summary>The least share of successes for <c>degraded</c> (below it, a journey is down unless it refused honestly).</summary>
    public const double DegradedSuccessRate = 0.5;

    /// <summary>The state names.</summary>
    public const string Ok = "ok", Degraded = "degraded", Down = "down", NotStated = "not stated", NotMeasured = "not measured";

    /// <summary>Gets the exit code of the matrix: 3 when a run could not be judged, 1 when a run failed, else 0.</summary>
    public int ExitCode => Runs.Any(r => r.Verdict == Verdict.Error) ? 3 : Runs.Any(r => r.Verdict == Verdict.Fail) ? 1 : 0;

    /// <summary>Builds the matrix from every run.</summary>
    /// <param name="runs">Each run: its scenario file, its configuration's name, where its reports are, and its report (null when it wrote none).</param>
    public static ResilienceMatrix Build(IReadOnlyList<(string ScenarioPath, string Config, string ReportDirectory, RunReport? Report)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var configs = runs.Select(r => r.Config).Distinct(StringComparer.Ordinal).ToArray();
        var rows = new List<MatrixRow>();
        foreach (var scenario in runs.GroupBy(r => r.ScenarioPath, StringComparer.Ordinal))
        {
            var reports = scenario.Where(r => r.Report is not null).Select(r => r.Report!).ToArray();
            var name = reports.FirstOrDefault()?.Scenario ?? Path.GetFileNameWithoutExtension(scenario.Key);
            var incident = reports.FirstOrDefault()?.Incident ?? "";
            var journeys = reports.SelectMany(r => r.Phases.SelectMany(p => p.Journeys.Select(j => j.Journey))).Distinct(StringComparer.Ordinal).ToArray();
            foreach (var journey in journeys)
            {
                var expected = reports.Select(r => Expected(r, journey)).FirstOrDefault(e => e != NotStated) ?? NotStated;
                var cells = configs.Select(config =>
                {
                    var run = scenario.FirstOrDefault(r => r.Config == config);
                    if (run.Report is not { } report)
                    {
                        return new MatrixCell(config, NotMeasured, null, null, null, null);
                    }

                    var (observed, phase, success, available) = Observed(report, journey);
                    bool? met = expected == NotStated || observed == NotMeasured ? null : Rank(observed) <= Rank(expected);
                    return new MatrixCell(config, observed, phase, success, available, met);
                }).ToArray();
                rows.Add(new MatrixRow(name, incident, journey, expected, cells));
            }
        }

        var verdicts = runs.Select(r => new MatrixRun(
            r.Report?.Scenario ?? Path.GetFileNameWithoutExtension(r.ScenarioPath),
            r.Config,
            r.ReportDirectory,
            r.Report?.Verdict ?? Verdict.Error,
            r.Report is { } report ? ComparisonReport.Reasons(report) : ["the run wrote no report.json; see its console output"])).ToArray();
        return new ResilienceMatrix(configs, rows, verdicts);
    }

    /// <summary>The state of a journey over a phase from its figures.</summary>
    public static string Classify(JourneyReport journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        if (journey.Count == 0)
        {
            return NotMeasured;
        }

        var success = (double)journey.Succeeded / journey.Count;
        var available = (double)(journey.Succeeded + journey.Degraded) / journey.Count;
        return success >= OkSuccessRate ? Ok : success >= DegradedSuccessRate || available >= OkSuccessRate ? Degraded : Down;
    }

    /// <summary>What the scenario's expectations promise of a journey while its faults are active.</summary>
    /// <remarks>
    /// Within one phase the strongest promise counts (each of them must hold); across phases the weakest, since the
    /// observed state is the worst phase's. An <c>unexpectedFailures</c> bound that lets only honest refusals through
    /// (<c>expectedFailures: [degraded]</c>, at most 5% beyond) promises <c>degraded</c>; one that lets timeouts, errors
    /// or a status through promises nothing the states can show.
    /// </remarks>
    public static string Expected(RunReport report, string journey)
    {
        ArgumentNullException.ThrowIfNull(report);
        var phases = FaultPhases(report).Append("fault").Append("run").ToHashSet(StringComparer.Ordinal);
        var promises = report.Expectations
            .Where(e => e.Journey == journey && e.Dependency is null && phases.Contains(e.Phase))
            .Select(e => (e.Phase, Promise: Promise(e)))
            .Where(p => p.Promise is not null)
            .GroupBy(p => p.Phase, StringComparer.Ordinal)
            .Select(phase => phase.Select(p => p.Promise!).MinBy(Rank)!)
            .ToArray();
        return promises.Length == 0 ? NotStated : promises.MaxBy(Rank)!;
    }

    private static string? Promise(ExpectationResult expectation) => expectation switch
    {
        { Metric: "successRate", AtLeast: >= OkSuccessRate } => Ok,
        { Metric: "successRate", AtLeast: >= DegradedSuccessRate } => Degraded,
        { Metric: "availableRate", AtLeast: >= OkSuccessRate } => Degraded,
        { Metric: "successRate" or "availableRate", AtLeast: not null } => Down,
        { Metric: "unexpectedFailures", AtMost: <= 1 - OkSuccessRate, ExpectedFailures: { } kinds }
            when kinds.All(k => k == ExpectedFailureKinds.Degraded) => Degraded,
        _ => null,
    };

    private static (string State, string? Phase, double? Success, double? Available) Observed(RunReport report, string journey)
    {
        var phases = FaultPhases(report).ToList();
        if (phases.Count == 0)
        {
            phases.Add("run");
        }

        var worst = report.Phases
            .Where(p => phases.Contains(p.Name))
            .Select(p => (Phase: p.Name, Journey: p.Journeys.FirstOrDefault(j => j.Journey == journey)))
            .Where(p => p.Journey is { Count: > 0 })
            .Select(p => (p.Phase, p.Journey!, State: Classify(p.Journey!)))
            .OrderByDescending(p => Rank(p.State))
            .ThenBy(p => (double)p.Item2.Succeeded / p.Item2.Count)
            .FirstOrDefault();
        if (worst.Phase is null)
        {
            return (NotMeasured, null, null, null);
        }

        var figures = worst.Item2;
        return (worst.State, worst.Phase, (double)figures.Succeeded / figures.Count, (double)(figures.Succeeded + figures.Degraded) / figures.Count);
    }

    private static IEnumerable<string> FaultPhases(RunReport report) => report.Faults.Select(f => f.Fault).Distinct(StringComparer.Ordinal);

    private static int Rank(string state) => state switch
    {
        Ok => 0,
        Degraded => 1,
        Down => 2,
        _ => 3,
    };
}
