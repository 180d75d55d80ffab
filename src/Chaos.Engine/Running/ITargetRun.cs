using Chaos.Engine.Faults;
using Chaos.Engine.Judging;
using Chaos.Engine.Load;
using Chaos.Engine.Reports;
using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Running;

/// <summary>
/// The part of one run that depends on the system under test, called by <see cref="ScenarioRunner"/> in this order:
/// <see cref="PrepareAsync"/> before the load; <see cref="LoadStarting"/> and <see cref="Circuits"/> from its start;
/// <see cref="AfterLoadAsync"/> once the faults are cleared; then, when nothing went wrong, <see cref="Unmeasured"/>,
/// <see cref="CheckInvariants"/> and the judge's evidence. A target reports its own failures as <see cref="Problems"/>,
/// never by throwing (except <see cref="HttpRequestException"/>, <see cref="InvalidOperationException"/> and
/// <see cref="System.Text.Json.JsonException"/>, which the runner turns into a harness error).
/// </summary>
public interface ITargetRun : IDisposable
{
    /// <summary>Gets what runs the journeys of the scenario's mix against the system under test.</summary>
    IJourneyRunner Journeys { get; }

    /// <summary>Gets whether the runner warms the system up with unrecorded journeys before the load (<c>load.warmUp</c>).</summary>
    bool WarmsUp { get; }

    /// <summary>Gets what watches the system's circuits during the load.</summary>
    ICircuitObserver Circuits { get; }

    /// <summary>Gets the orders the system accepted, for the judge's order-based metrics; empty for a target without orders.</summary>
    IReadOnlyList<AcceptedOrder> AcceptedOrders { get; }

    /// <summary>Gets the system's status samples (backlogs, fallbacks), for the judge's status-based metrics; empty without.</summary>
    IReadOnlyList<StatusSample> StatusSamples { get; }

    /// <summary>
    /// Gets the dependency a payment falls back to when the first fails (its journal's charges count as
    /// <c>fallbacks: secondaryGateway</c>), or null for a target without one.
    /// </summary>
    string? FallbackGateway => null;

    /// <summary>Waits until the system is ready and does what must precede the load (for example a trace-context probe).</summary>
    /// <param name="journeys">The journeys of the scenario's mix.</param>
    /// <param name="cancellationToken">Stops the preparation.</param>
    Task PrepareAsync(IReadOnlyList<string> journeys, CancellationToken cancellationToken);

    /// <summary>Marks the start of the measured load (after any warm-up).</summary>
    /// <param name="start">The run clock's timestamp of the start.</param>
    void LoadStarting(long start);

    /// <summary>Once the load is over and the faults cleared: drains backlogs and reads what reconciliation needs.</summary>
    /// <param name="cancellationToken">Stops the drain.</param>
    /// <returns>The drain's figures, or null for a target that does not drain.</returns>
    Task<DrainReport?> AfterLoadAsync(CancellationToken cancellationToken);

    /// <summary>Gets what went wrong on the target's side that makes the run unjudgeable (the verdict is then an error).</summary>
    /// <returns>The problems; none when the run can be judged.</returns>
    IReadOnlyList<string> Problems();

    /// <summary>Why an expectation cannot be measured for this target in this run, naming what to do, or null.</summary>
    /// <param name="expectation">The expectation.</param>
    /// <returns>The reason, or null.</returns>
    string? Unmeasured(Expectation expectation);

    /// <summary>Checks the scenario's invariants after the run.</summary>
    /// <param name="journals">What each simulated dependency received.</param>
    /// <returns>One result per invariant.</returns>
    IReadOnlyList<InvariantResult> CheckInvariants(IReadOnlyList<DependencyJournal> journals);

    /// <summary>Gets what the system's own resilience pipelines reported, for the report; empty when not read.</summary>
    /// <returns>The pipelines.</returns>
    IReadOnlyList<PipelineReport> Pipelines();
}
