using Chaos.Engine.Judging;

namespace Chaos.Engine.Reports;

/// <summary>Everything a run measured and decided; the source of every report format.</summary>
public sealed record RunReport
{
    /// <summary>Gets the scenario's name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Gets the incident it replays.</summary>
    public required string Incident { get; init; }

    /// <summary>Gets the scenario file.</summary>
    public required string SourcePath { get; init; }

    /// <summary>Gets the seed.</summary>
    public required int Seed { get; init; }

    /// <summary>Gets when the load started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets the verdict.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>Gets the harness errors that made the verdict an error, if any.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Gets the storefront configuration files layered over its defaults, if any.</summary>
    public IReadOnlyList<string> StorefrontConfig { get; init; } = [];

    /// <summary>Gets the service configuration files (a system file's service) whose values reached it as environment variables, if any.</summary>
    public IReadOnlyList<string> ServiceConfig { get; init; } = [];

    /// <summary>Gets the judged expectations.</summary>
    public IReadOnlyList<ExpectationResult> Expectations { get; init; } = [];

    /// <summary>Gets the checked invariants.</summary>
    public IReadOnlyList<InvariantResult> Invariants { get; init; } = [];

    /// <summary>Gets the judging phases with per-journey figures.</summary>
    public IReadOnlyList<PhaseReport> Phases { get; init; } = [];

    /// <summary>Gets the fault timeline as played.</summary>
    public IReadOnlyList<FaultEventReport> Faults { get; init; } = [];

    /// <summary>Gets the circuit transitions seen (the storefront's status, or a service's Polly telemetry).</summary>
    public IReadOnlyList<CircuitReport> Circuits { get; init; } = [];

    /// <summary>Gets what the service's own Polly pipelines reported (a system file's service, read over its telemetry).</summary>
    public IReadOnlyList<PipelineReport> Pipelines { get; init; } = [];

    /// <summary>Gets per-dependency call figures.</summary>
    public IReadOnlyList<DependencyReport> Dependencies { get; init; } = [];

    /// <summary>Gets the load engine's figures.</summary>
    public LoadReport? Load { get; init; }

    /// <summary>Gets the target arrival rate of each open-model load phase, for charts; closed-model phases have none.</summary>
    public IReadOnlyList<TargetRateReport> TargetRates { get; init; } = [];

    /// <summary>Gets the drain's figures.</summary>
    public DrainReport? Drain { get; init; }

    /// <summary>Gets the 1-second buckets of all journeys, for charts.</summary>
    public IReadOnlyList<BucketReport> Buckets { get; init; } = [];

    /// <summary>Gets the 1-second buckets of each journey, for charts; every journey's list has the same length as <see cref="Buckets"/>.</summary>
    public IReadOnlyList<JourneyBucketsReport> JourneyBuckets { get; init; } = [];

    /// <summary>Gets each dependency's calls per second (from its journal), for charts.</summary>
    public IReadOnlyList<DependencyBucketsReport> DependencyBuckets { get; init; } = [];

    /// <summary>Gets the exit code the verdict maps to: 0 pass, 1 fail, 3 error.</summary>
    public int ExitCode => Verdict switch
    {
        Verdict.Pass => 0,
        Verdict.Fail => 1,
        _ => 3,
    };
}

/// <summary>A judging phase and its journeys' figures.</summary>
public sealed record PhaseReport(string Name, double FromSeconds, double ToSeconds, IReadOnlyList<JourneyReport> Journeys);

/// <summary>A journey's figures over a phase.</summary>
public sealed record JourneyReport(
    string Journey,
    long Count,
    long Succeeded,
    long Degraded,
    IReadOnlyDictionary<string, long> Outcomes,
    double? SuccessRate,
    double P50Seconds,
    double P95Seconds,
    double P99Seconds,
    double MaxSeconds)
{
    /// <summary>
    /// Gets the 99th percentile of how late the load engine started these journeys against their intended start (its
    /// schedule lag), in seconds: the engine's own share of the latencies above; 0 when none ran.
    /// </summary>
    public double LagP99Seconds { get; init; }
}

/// <summary>A step of the fault timeline as played.</summary>
public sealed record FaultEventReport(string Fault, string Dependency, string Action, double PlannedSeconds, double ActualSeconds);

/// <summary>A circuit seen in a new state.</summary>
public sealed record CircuitReport(string Dependency, double AtSeconds, string State);

/// <summary>A Polly pipeline of the service and the events it reported over the run.</summary>
/// <param name="Pipeline">Its <c>pipeline.name</c>, for example <c>BankClient-standard</c>.</param>
/// <param name="Dependency">The dependency whose <c>pipeline:</c> names it, or null.</param>
/// <param name="Events">Event counts by <c>event.name</c> (OnRetry, OnTimeout, OnCircuitOpened, ...).</param>
public sealed record PipelineReport(string Pipeline, string? Dependency, IReadOnlyDictionary<string, long> Events);

/// <summary>A dependency's calls over the run.</summary>
public sealed record DependencyReport(string Dependency, int Calls, int FaultedCalls, int Charges, IReadOnlyDictionary<string, int> CallsByRoute);

/// <summary>The load engine's figures.</summary>
public sealed record LoadReport(long Scheduled, long Started, long Dropped, double ElapsedSeconds, double TargetRate, double AchievedRate)
{
    /// <summary>Gets the factor every rate and number of virtual users was multiplied by (<c>chaos run --load-scale</c>); 1 by default.</summary>
    public double Scale { get; init; } = 1;
}

/// <summary>The target arrival rate of one open-model load phase: linear from <paramref name="StartRate"/> to <paramref name="EndRate"/>.</summary>
/// <param name="Phase">The load phase's name.</param>
/// <param name="FromSeconds">Its start, from the start of the load.</param>
/// <param name="ToSeconds">Its end.</param>
/// <param name="StartRate">Journeys per second at its start.</param>
/// <param name="EndRate">Journeys per second at its end.</param>
public sealed record TargetRateReport(string Phase, double FromSeconds, double ToSeconds, double StartRate, double EndRate)
{
    /// <summary>The target rates of a load plan's phases, one after another.</summary>
    /// <remarks>A closed-model phase (a number of virtual users) has no target rate and is skipped.</remarks>
    public static IReadOnlyList<TargetRateReport> For(IEnumerable<Scenarios.LoadPhase> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        var result = new List<TargetRateReport>();
        var at = TimeSpan.Zero;
        foreach (var phase in phases)
        {
            if (phase.Model == Scenarios.LoadModel.Open)
            {
                result.Add(new TargetRateReport(phase.Name, at.TotalSeconds, (at + phase.Duration).TotalSeconds, phase.StartRate, phase.EndRate));
            }

            at += phase.Duration;
        }

        return result;
    }
}

/// <summary>The drain after the load.</summary>
/// <param name="Seconds">How long it took.</param>
/// <param name="Completed">Whether the backlogs were empty before the timeout.</param>
/// <param name="PendingAtStart">Pending payments when the load ended.</param>
/// <param name="PendingAtEnd">Pending payments when the drain ended.</param>
public sealed record DrainReport(double Seconds, bool Completed, int PendingAtStart, int PendingAtEnd)
{
    /// <summary>Gets the shipments waiting in the storefront's outbox when the load ended.</summary>
    public int PendingShipmentsAtStart { get; init; }

    /// <summary>Gets the shipments waiting in the storefront's outbox when the drain ended.</summary>
    public int PendingShipmentsAtEnd { get; init; }

    /// <summary>
    /// Gets a value indicating whether the drain ended before its timeout because the backlogs stood still for the
    /// scenario's <c>drain.settle</c> (and what was left pending already fails the run).
    /// </summary>
    public bool Settled { get; init; }
}

/// <summary>One bucket of the run, all journeys.</summary>
public sealed record BucketReport(double AtSeconds, long Count, long Succeeded, long Degraded, long Failed, long Dropped, double P50Seconds, double P99Seconds)
{
    /// <summary>Gets the 99th percentile of the bucket's schedule lag (how late the engine started its journeys), in seconds; 0 when none ran.</summary>
    public double LagP99Seconds { get; init; }
}

/// <summary>The 1-second buckets of one journey.</summary>
public sealed record JourneyBucketsReport(string Journey, IReadOnlyList<BucketReport> Buckets);

/// <summary>The calls of one dependency per second of the run.</summary>
public sealed record DependencyBucketsReport(string Dependency, IReadOnlyList<DependencyBucketReport> Buckets);

/// <summary>One second of a dependency's calls.</summary>
/// <param name="AtSeconds">The start of the second, from the start of the load.</param>
/// <param name="Calls">Calls the dependency received.</param>
/// <param name="Faulted">Calls a fault was rendered on.</param>
public sealed record DependencyBucketReport(double AtSeconds, int Calls, int Faulted);
