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

    /// <summary>Gets why the load stopped before its end (<c>--fail-fast</c>), or null when it ran to its end.</summary>
    public EarlyStopReport? StoppedEarly { get; init; }

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
