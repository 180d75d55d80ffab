using Chaos.Engine.Systems;

namespace Chaos.Engine.Scenarios;

/// <summary>
/// A validated scenario: an incident replayed as a fault timeline on the storefront's dependencies while a
/// load runs, and the expectations the run is judged against.
/// </summary>
public sealed record Scenario
{
    /// <summary>Gets the scenario's name (kebab-case, unique in a library).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the one-line incident this scenario replays.</summary>
    public required string Incident { get; init; }

    /// <summary>Gets the free-text description: which incident, which facts it encodes.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the seed for every random decision of a run (journey mix, fault injection).</summary>
    public required int Seed { get; init; }

    /// <summary>Gets the load that drives traffic through the storefront.</summary>
    public required LoadProfile Load { get; init; }

    /// <summary>Gets the fault timeline, ordered by start.</summary>
    public required IReadOnlyList<FaultWindow> Faults { get; init; }

    /// <summary>Gets the per-phase expectations.</summary>
    public required IReadOnlyList<Expectation> Expectations { get; init; }

    /// <summary>Gets the invariants checked over the whole run after the drain.</summary>
    public required IReadOnlyList<InvariantKind> Invariants { get; init; }

    /// <summary>Gets how long the harness waits after the load for backlogs to drain.</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets how long a non-empty backlog may stand still (no pending payment or shipment count changing) before the drain
    /// ends early: after the faults are cleared, a backlog that has not moved for longer than the system's longest wait
    /// between two attempts will not move before the timeout either. It ends early only when the scenario judges every
    /// backlog still pending (<c>pendingPaymentsCaptured</c> for payments, <c>everyPaidOrderShipped</c> for shipments), so an
    /// early end confirms a failure the timeout would reach too.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: the drain waits out <see cref="DrainTimeout"/>.</value>
    public TimeSpan? DrainSettle { get; init; }

    /// <summary>
    /// Gets the storefront configuration the scenario's compressed timeline needs (for example
    /// <c>Fulfillment:DelayedAfter</c> in seconds rather than days), by configuration key. The harness layers it over
    /// the storefront's appsettings and under any <c>--storefront-config</c> file.
    /// </summary>
    public IReadOnlyDictionary<string, string> StorefrontSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the file the scenario was read from, for messages.</summary>
    public string SourcePath { get; init; } = "";

    /// <summary>Gets the system the scenario rehearses (its <c>system:</c> file), or null for the reference storefront.</summary>
    /// <value>Defaults to null: the storefront.</value>
    public SystemDefinition? System { get; init; }

    /// <summary>Gets the routes that no journey may call more than once (<c>atMostOnce</c> invariants).</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyList<AtMostOnceInvariant> AtMostOnce { get; init; } = [];

    /// <summary>Gets the total duration of the load (sum of its phases).</summary>
    public TimeSpan Duration => Load.Phases.Aggregate(TimeSpan.Zero, (sum, phase) => sum + phase.Duration);
}
