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

/// <summary>The load: phases of an open model (arrival rate) or a closed model (virtual users), and a weighted journey mix.</summary>
public sealed record LoadProfile
{
    /// <summary>Gets the journey weights by journey name (browse, addToCart, checkout).</summary>
    public required IReadOnlyDictionary<string, int> Journeys { get; init; }

    /// <summary>Gets the load phases, run one after another.</summary>
    public required IReadOnlyList<LoadPhase> Phases { get; init; }

    /// <summary>Gets the bound on journeys in flight; arrivals beyond it are counted as dropped.</summary>
    /// <value>Defaults to 512.</value>
    public int MaxInFlight { get; init; } = 512;

    /// <summary>Gets the client-side timeout of one request of a journey.</summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the think time of a virtual user between its journeys in closed-model phases, or null for none.</summary>
    /// <value>Defaults to null: a virtual user starts its next journey as soon as the previous one ends.</value>
    public ThinkTime? ThinkTime { get; init; }

    /// <summary>
    /// Gets how long the runner drives the first phase's journey mix at a small rate before the measured load, or null
    /// for the fixed warm-up rounds.
    /// </summary>
    /// <value>Defaults to null.</value>
    public TimeSpan? WarmUp { get; init; }

    /// <summary>Gets the factor every rate and concurrency was multiplied by (<c>chaos run --load-scale</c>).</summary>
    /// <value>Defaults to 1.</value>
    public double Scale { get; init; } = 1;

    /// <summary>Gets every journey of the load: <see cref="Journeys"/> and those of the phases' own mixes.</summary>
    public IReadOnlyList<string> AllJourneys => Journeys.Keys
        .Concat(Phases.SelectMany(p => p.Journeys?.Keys ?? []))
        .Distinct(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Gets this load with every arrival rate and every number of copies multiplied by <paramref name="factor"/>.</summary>
    /// <param name="factor">The factor, above 0 (0.5 halves the load).</param>
    /// <returns>The scaled load; <see cref="MaxInFlight"/> is raised if a phase now has more copies than it allows.</returns>
    public LoadProfile Scaled(double factor)
    {
        if (!double.IsFinite(factor) || factor <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The load scale must be a number above 0, like 0.5 for half the load.");
        }

        var phases = Phases.Select(p => p.Model == LoadModel.Closed
            ? p with { StartCopies = ScaleCopies(p.StartCopies, factor), EndCopies = ScaleCopies(p.EndCopies, factor) }
            : p with { StartRate = p.StartRate * factor, EndRate = p.EndRate * factor }).ToArray();
        var copies = phases.Select(p => Math.Max(p.StartCopies, p.EndCopies)).DefaultIfEmpty(0).Max();
        return this with { Phases = phases, MaxInFlight = Math.Max(MaxInFlight, copies), Scale = Scale * factor };
    }

    // A phase that had virtual users keeps at least one: a scaled-down run still exercises the closed model.
    private static int ScaleCopies(int copies, double factor) => copies == 0 ? 0 : Math.Max(1, (int)Math.Round(copies * factor, MidpointRounding.AwayFromZero));
}

/// <summary>A virtual user's think time between journeys: uniform in [<see cref="Min"/>, <see cref="Max"/>].</summary>
/// <param name="Min">The shortest think time.</param>
/// <param name="Max">The longest think time; equal to <paramref name="Min"/> for a fixed think time.</param>
public sealed record ThinkTime(TimeSpan Min, TimeSpan Max);

/// <summary>How a load phase makes traffic.</summary>
public enum LoadModel
{
    /// <summary>Open model: journeys arrive at a rate whatever the system does (<c>inject</c>, <c>rampingInject</c>).</summary>
    Open,

    /// <summary>
    /// Closed model: a number of virtual users (copies) each loop journeys, one at a time, with a think time between them
    /// (<c>keepConstant</c>, <c>rampingConstant</c>).
    /// </summary>
    Closed,
}

/// <summary>
/// One load phase. In the open model (the default) the arrival rate goes linearly from <see cref="StartRate"/> to
/// <see cref="EndRate"/> (journeys per second) over <see cref="Duration"/>; equal rates make a constant phase. In the
/// closed model (<see cref="Closed"/>) the number of virtual users goes linearly from <see cref="StartCopies"/> to
/// <see cref="EndCopies"/> and the rates are 0.
/// </summary>
public sealed record LoadPhase(string Name, TimeSpan Duration, double StartRate, double EndRate)
{
    /// <summary>Gets how the phase makes traffic.</summary>
    /// <value>Defaults to <see cref="LoadModel.Open"/>.</value>
    public LoadModel Model { get; init; } = LoadModel.Open;

    /// <summary>Gets the number of virtual users at the start of a closed-model phase (0 in an open-model phase).</summary>
    public int StartCopies { get; init; }

    /// <summary>Gets the number of virtual users at the end of a closed-model phase (0 in an open-model phase).</summary>
    public int EndCopies { get; init; }

    /// <summary>Gets the phase's own journey mix, or null to use <see cref="LoadProfile.Journeys"/>.</summary>
    public IReadOnlyDictionary<string, int>? Journeys { get; init; }

    /// <summary>Creates a closed-model phase whose virtual users go linearly from <paramref name="startCopies"/> to <paramref name="endCopies"/>.</summary>
    /// <param name="name">The phase name.</param>
    /// <param name="duration">How long it lasts.</param>
    /// <param name="startCopies">Virtual users at the start.</param>
    /// <param name="endCopies">Virtual users at the end; equal to <paramref name="startCopies"/> for a constant phase.</param>
    /// <returns>The phase.</returns>
    public static LoadPhase Closed(string name, TimeSpan duration, int startCopies, int endCopies) =>
        new(name, duration, 0, 0) { Model = LoadModel.Closed, StartCopies = startCopies, EndCopies = endCopies };
}

/// <summary>One entry of the fault timeline: a fault on a dependency (optionally one route) for a window.</summary>
public sealed record FaultWindow
{
    /// <summary>Gets the window's name; it is also a phase name for expectations.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Gets the dependency, for example <c>payments.primary</c>, or <see cref="ScenarioVocabulary.ServiceTarget"/> for a
    /// fault on the system under test itself (a crash).
    /// </summary>
    public required string Dependency { get; init; }

    /// <summary>Gets the route the fault is limited to (for example <c>charges</c>), or null for every route.</summary>
    public string? Route { get; init; }

    /// <summary>
    /// Gets the hosts of a pool dependency (<c>fulfillment</c>) the fault targets, or null for every host of the pool (or
    /// for a dependency that is not a pool).
    /// </summary>
    public HostCohort? Hosts { get; init; }

    /// <summary>Gets how the fault recovers after its end.</summary>
    /// <value>Defaults to <see cref="FaultRecovery.Instant"/>.</value>
    public FaultRecovery Recovery { get; init; } = FaultRecovery.Instant;

    /// <summary>Gets the offset from the start of the load at which the fault is applied.</summary>
    public required TimeSpan Start { get; init; }

    /// <summary>Gets how long the fault stays applied.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Gets the fault itself.</summary>
    public required Faults.FaultSpec Fault { get; init; }

    /// <summary>Gets the offset at which the fault is cleared.</summary>
    public TimeSpan End => Start + Duration;
}

/// <summary>
/// An expectation: a metric of a phase (and of a journey or a dependency) compared with a bound.
/// </summary>
public sealed record Expectation
{
    /// <summary>Gets the phase: <c>baseline</c>, <c>fault</c>, <c>recovery</c>, <c>run</c>, a fault window's name or a load phase's name.</summary>
    public required string Phase { get; init; }

    /// <summary>Gets the journey the metric is about, if any.</summary>
    public string? Journey { get; init; }

    /// <summary>Gets the dependency the metric is about, if any.</summary>
    public string? Dependency { get; init; }

    /// <summary>Gets the metric.</summary>
    public required ExpectationMetric Metric { get; init; }

    /// <summary>Gets the lower bound, if any (inclusive).</summary>
    public double? AtLeast { get; init; }

    /// <summary>Gets the upper bound, if any (inclusive). Durations are in seconds.</summary>
    public double? AtMost { get; init; }

    /// <summary>Gets the line of the scenario file the expectation came from (1-based), for messages.</summary>
    public int Line { get; init; }

    /// <summary>
    /// Gets the failure kinds <see cref="ExpectationMetric.UnexpectedFailures"/> does not count: <c>degraded</c>, an HTTP
    /// status (<c>401</c>), <c>timeout</c>, <c>connectionError</c> or <c>httpError</c>.
    /// </summary>
    /// <value>Defaults to <c>[degraded]</c>.</value>
    public IReadOnlyList<string> ExpectedFailures { get; init; } = ExpectedFailureKinds.Default;

    /// <summary>Gets the fallback <see cref="ExpectationMetric.Fallbacks"/> counts, if that is the metric.</summary>
    public FallbackKind? Fallback { get; init; }

    /// <summary>Gets the route of the dependency <see cref="ExpectationMetric.RetriesPerRequest"/> is limited to, if any.</summary>
    public string? Route { get; init; }
}

/// <summary>The failure kinds an expectation may list in <c>expectedFailures</c> (besides an HTTP status number).</summary>
internal static class ExpectedFailureKinds
{
    /// <summary>Failed as designed: 503 or 429 with <c>Retry-After</c>.</summary>
    public const string Degraded = "degraded";

    /// <summary>The client-side request timeout elapsed.</summary>
    public const string Timeout = "timeout";

    /// <summary>The connection was refused, reset or closed without a response.</summary>
    public const string ConnectionError = "connectionError";

    /// <summary>Any unexpected HTTP status.</summary>
    public const string HttpError = "httpError";

    /// <summary>Gets the kinds an expectation expects when it lists none: <c>[degraded]</c> (one shared instance, so records compare equal).</summary>
    public static IReadOnlyList<string> Default { get; } = [Degraded];

    /// <summary>Gets the named kinds, in the order messages list them.</summary>
    public static IReadOnlyList<string> Named { get; } = [Degraded, Timeout, ConnectionError, HttpError];
}

/// <summary>The fallbacks <see cref="ExpectationMetric.Fallbacks"/> can count.</summary>
public enum FallbackKind
{
    /// <summary>Charges the secondary payment gateway made in the phase.</summary>
    SecondaryGateway,

    /// <summary>Orders the storefront accepted as <c>payment_pending</c> in the phase.</summary>
    PaymentPending,

    /// <summary>Shipments the storefront moved to another fulfillment host in the phase.</summary>
    HostFailover,
}

/// <summary>The metrics an expectation can bound.</summary>
public enum ExpectationMetric
{
    /// <summary>Share of journeys that succeeded, in [0, 1].</summary>
    SuccessRate,

    /// <summary>Share of journeys that succeeded or degraded as designed (for example 503 with Retry-After), in [0, 1].</summary>
    AvailableRate,

    /// <summary>Median journey latency from the intended start, in seconds.</summary>
    P50,

    /// <summary>95th percentile journey latency from the intended start, in seconds.</summary>
    P95,

    /// <summary>99th percentile journey latency from the intended start, in seconds.</summary>
    P99,

    /// <summary>Seconds from the start of the phase (a fault window) until the dependency's circuit was seen open.</summary>
    TimeToCircuitOpen,

    /// <summary>Seconds from the end of the phase (a fault window) until the dependency's circuit was seen closed again.</summary>
    TimeToRecover,

    /// <summary>Calls to the dependency per journey in the phase.</summary>
    Amplification,

    /// <summary>Share of the phase's journeys that failed in a kind not listed in <see cref="Expectation.ExpectedFailures"/>, in [0, 1].</summary>
    UnexpectedFailures,

    /// <summary>How many times the storefront took the <see cref="Expectation.Fallback"/> in the phase.</summary>
    Fallbacks,

    /// <summary>The most calls to the dependency carrying one request key in the phase, minus one.</summary>
    RetriesPerRequest,

    /// <summary>Seconds from the end of the phase (a fault window) until the storefront's backlog first reached zero.</summary>
    DrainTime,
}

/// <summary>
/// The invariant <c>atMostOnce</c>: no journey (one trace id) caused more than one call to the route, such as a second
/// transfer for one payment.
/// </summary>
/// <param name="Dependency">The dependency's name.</param>
/// <param name="Route">The route's name.</param>
public sealed record AtMostOnceInvariant(string Dependency, string Route);

/// <summary>The invariants a run is reconciled against after the drain.</summary>
public enum InvariantKind
{
    /// <summary>Every order the load engine was told was accepted exists in the storefront, not lost.</summary>
    NoLostOrders,

    /// <summary>No order has more than one charge across all payment gateways' journals.</summary>
    NoDoubleCharges,

    /// <summary>Every accepted order is paid after the drain: no payment left pending, each with exactly one charge.</summary>
    PendingPaymentsCaptured,

    /// <summary>No order has more than one shipment across all fulfillment hosts' journals.</summary>
    NoDuplicateShipments,

    /// <summary>After the drain, every paid order has exactly one shipment on some fulfillment host.</summary>
    EveryPaidOrderShipped,

    /// <summary>No probe of a protected surface (admin, point of sale) with a bad or missing credential was answered 2xx.</summary>
    NoUnauthenticatedAccess,

    /// <summary>
    /// Per fulfillment centre and SKU, the units its hosts shipped (their journals, one shipment per order) plus the
    /// units the storefront still holds reserved there never exceed the centre's stock.
    /// </summary>
    NoOversell,

    /// <summary>
    /// Every shipment carries its order's lines, every order's subtotal is the sum of its lines, and every charge and
    /// shipment is for the order's amount.
    /// </summary>
    ShippedAsPaid,

    /// <summary>No change to a checked-out cart (paid or payment pending) was answered 2xx.</summary>
    NoPaidCartChanged,
}
