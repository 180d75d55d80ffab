using Chaos.Engine.Faults;

namespace Chaos.Engine.Scenarios;

/// <summary>
/// The names a scenario file may use: journeys, dependencies and their routes, fault kinds, phases, metrics and
/// invariants. The loader validates against these lists and quotes them in its messages, so a new dependency or
/// journey is added here once.
/// </summary>
public static class ScenarioVocabulary
{
    /// <summary>
    /// The target of a fault on the system under test itself (<c>target: service</c>), as opposed to one of its
    /// dependencies; also the dependency name its events carry in reports.
    /// </summary>
    public const string ServiceTarget = "service";

    /// <summary>The phase from the start of the load until the first fault starts.</summary>
    public const string BaselinePhase = "baseline";

    /// <summary>The phase from the start of the first fault until the last fault clears.</summary>
    public const string FaultPhase = "fault";

    /// <summary>The phase from the moment the last fault clears until the end of the load.</summary>
    public const string RecoveryPhase = "recovery";

    /// <summary>The whole load, from its start to its end.</summary>
    public const string RunPhase = "run";

    /// <summary>The primary payment gateway, tried first for every order.</summary>
    public const string PaymentsPrimaryDependency = "payments.primary";

    /// <summary>The secondary payment gateway, which checkout fails over to.</summary>
    public const string PaymentsSecondaryDependency = "payments.secondary";

    /// <summary>The identity provider that issues the storefront's tokens.</summary>
    public const string IdentityDependency = "identity";

    /// <summary>The pool of fulfillment hosts; each host is the dependency <c>fulfillment.&lt;host&gt;</c>.</summary>
    public const string FulfillmentPool = "fulfillment";

    /// <summary>The tax service checkout asks for a quote.</summary>
    public const string TaxDependency = "tax";

    /// <summary>The journey that lists products and views one.</summary>
    public const string BrowseJourney = "browse";

    /// <summary>The journey that creates a cart and adds an item.</summary>
    public const string AddToCartJourney = "addToCart";

    /// <summary>The journey that fills a cart and checks it out.</summary>
    public const string CheckoutJourney = "checkout";

    /// <summary>The journey that reads an order's status and delivery estimate.</summary>
    public const string TrackOrderJourney = "trackOrder";

    /// <summary>The journey of a new admin or POS sign-in.</summary>
    public const string StaffLoginJourney = "staffLogin";

    /// <summary>The journey of an admin or POS session whose token was issued before the load.</summary>
    public const string StaffSessionJourney = "staffSession";

    /// <summary>The journey that asks admin and POS with forged, foreign or missing credentials.</summary>
    public const string AdminProbeJourney = "adminProbe";

    /// <summary>The journey of a credential-stuffing attempt.</summary>
    public const string CredentialStuffingJourney = "credentialStuffing";

    /// <summary>The journey that checks a cart out and then tries to change it.</summary>
    public const string CartTamperJourney = "cartTamper";

    private static readonly string[] PaymentRoutes = ["charges", "lookup", "capture"];

    private static readonly (string Name, string[] Routes)[] DependencyRoutes =
    [
        (PaymentsPrimaryDependency, PaymentRoutes),
        (PaymentsSecondaryDependency, PaymentRoutes),
        (IdentityDependency, ["discovery", "jwks", "token"]),
        (FulfillmentPool, ["shipments", "lookup"]),
        (TaxDependency, ["quotes"]),
    ];

    /// <summary>Gets the pools: dependencies made of several hosts, each host a dependency <c>&lt;pool&gt;.&lt;host&gt;</c>.</summary>
    public static IReadOnlyList<string> Pools { get; } = [FulfillmentPool];

    /// <summary>The host tag naming the fulfillment centre a host ships for (<c>primary</c> or <c>backup</c>).</summary>
    public const string CentreTag = "centre";

    /// <summary>The fulfillment centre the simulated pool's main hosts ship for, the storefront's preferred one.</summary>
    public const string PrimaryCentre = "primary";

    /// <summary>The fulfillment centre of the simulated backup hosts, stocked with the critical inventory only.</summary>
    public const string BackupCentre = "backup";

    /// <summary>
    /// Gets the tags the simulated fulfillment hosts carry, with their values: a host cohort selects on them
    /// (<c>hosts: { tags: { os: windows } }</c>, <c>hosts: { tags: { centre: primary } }</c>). A value no host carries
    /// would select no host, so it is an error.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> HostTagValues { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["os"] = ["windows", "linux"],
            [CentreTag] = [PrimaryCentre, BackupCentre],
        };

    /// <summary>Gets the tag keys a host cohort may select on.</summary>
    public static IReadOnlyList<string> HostTags { get; } = [.. HostTagValues.Keys];

    /// <summary>Gets the journeys the load engine can run, in the order messages list them.</summary>
    public static IReadOnlyList<string> Journeys { get; } =
    [
        BrowseJourney, AddToCartJourney, CheckoutJourney, TrackOrderJourney, StaffLoginJourney, StaffSessionJourney, AdminProbeJourney,
        CredentialStuffingJourney, CartTamperJourney,
    ];

    /// <summary>Gets the dependencies a fault can target, in the order messages list them.</summary>
    public static IReadOnlyList<string> Dependencies { get; } = [.. DependencyRoutes.Select(d => d.Name)];

    /// <summary>Gets the phase names that are not fault names; a fault may not take one of them.</summary>
    public static IReadOnlyList<string> ReservedPhases { get; } = [BaselinePhase, FaultPhase, RecoveryPhase, RunPhase];

    /// <summary>Gets the fault kinds by the name scenario files use.</summary>
    public static IReadOnlyList<KeyValuePair<string, FaultKind>> FaultKinds { get; } =
    [
        new("status", FaultKind.Status),
        new("latency", FaultKind.Latency),
        new("hang", FaultKind.Hang),
        new("abort", FaultKind.Abort),
        new("malformed", FaultKind.Malformed),
        new("truncated", FaultKind.Truncated),
        new("hostDown", FaultKind.HostDown),
        new("flapping", FaultKind.Flapping),
        new("crash", FaultKind.Crash),
    ];

    /// <summary>Gets the latency distributions by the name scenario files use.</summary>
    public static IReadOnlyList<KeyValuePair<string, LatencyDistribution>> LatencyDistributions { get; } =
    [
        new("fixed", LatencyDistribution.Fixed),
        new("uniform", LatencyDistribution.Uniform),
        new("longTail", LatencyDistribution.LongTail),
    ];

    /// <summary>Gets the recovery shapes by the name scenario files use.</summary>
    public static IReadOnlyList<KeyValuePair<string, RecoveryShape>> RecoveryShapes { get; } =
    [
        new("instant", RecoveryShape.Instant),
        new("gradual", RecoveryShape.Gradual),
        new("staged", RecoveryShape.Staged),
    ];

    /// <summary>Gets the expectation metrics by the key scenario files use.</summary>
    public static IReadOnlyList<KeyValuePair<string, ExpectationMetric>> Metrics { get; } =
    [
        new("successRate", ExpectationMetric.SuccessRate),
        new("availableRate", ExpectationMetric.AvailableRate),
        new("p50", ExpectationMetric.P50),
        new("p95", ExpectationMetric.P95),
        new("p99", ExpectationMetric.P99),
        new("timeToCircuitOpen", ExpectationMetric.TimeToCircuitOpen),
        new("timeToRecover", ExpectationMetric.TimeToRecover),
        new("amplification", ExpectationMetric.Amplification),
        new("unexpectedFailures", ExpectationMetric.UnexpectedFailures),
        new("fallbacks", ExpectationMetric.Fallbacks),
        new("retriesPerRequest", ExpectationMetric.RetriesPerRequest),
        new("drainTime", ExpectationMetric.DrainTime),
    ];

    /// <summary>Gets the fallbacks <c>fallbacks</c> can count, by the name scenario files use.</summary>
    public static IReadOnlyList<KeyValuePair<string, FallbackKind>> Fallbacks { get; } =
    [
        new("secondaryGateway", FallbackKind.SecondaryGateway),
        new("paymentPending", FallbackKind.PaymentPending),
        new("hostFailover", FallbackKind.HostFailover),
    ];

    /// <summary>Gets the invariants by the name scenario files use.</summary>
    public static IReadOnlyList<KeyValuePair<string, InvariantKind>> Invariants { get; } =
    [
        new("noLostOrders", InvariantKind.NoLostOrders),
        new("noDoubleCharges", InvariantKind.NoDoubleCharges),
        new("pendingPaymentsCaptured", InvariantKind.PendingPaymentsCaptured),
        new("noDuplicateShipments", InvariantKind.NoDuplicateShipments),
        new("everyPaidOrderShipped", InvariantKind.EveryPaidOrderShipped),
        new("noUnauthenticatedAccess", InvariantKind.NoUnauthenticatedAccess),
        new("noOversell", InvariantKind.NoOversell),
        new("shippedAsPaid", InvariantKind.ShippedAsPaid),
        new("noPaidCartChanged", InvariantKind.NoPaidCartChanged),
    ];

    /// <summary>Gets the routes of a dependency a fault can be limited to; empty for an unknown dependency.</summary>
    /// <param name="dependency">The dependency, for example <c>payments.primary</c> or <c>fulfillment.fc-win-1</c>.</param>
    public static IReadOnlyList<string> RoutesOf(string dependency)
    {
        var named = PoolOf(dependency) ?? dependency;
        foreach (var (name, routes) in DependencyRoutes)
        {
            if (name == named)
            {
                return routes;
            }
        }

        return [];
    }

    /// <summary>Gets whether a dependency is a pool of hosts (a fault on it may select a cohort).</summary>
    public static bool IsPool(string dependency) => Pools.Contains(dependency);

    /// <summary>Gets the pool a single host belongs to (<c>fulfillment</c> for <c>fulfillment.fc-win-1</c>), or null.</summary>
    public static string? PoolOf(string dependency)
    {
        foreach (var pool in Pools)
        {
            if (dependency.Length > pool.Length + 1 && dependency.StartsWith(pool + ".", StringComparison.Ordinal)
                && IsHostName(dependency[(pool.Length + 1)..]))
            {
                return pool;
            }
        }

        return null;
    }

    /// <summary>
    /// Gets whether a fault or an expectation can name this dependency: one of <see cref="Dependencies"/>, or a single
    /// host of a pool, <c>&lt;pool&gt;.&lt;host&gt;</c> (host names are lower-case letters, digits and hyphens).
    /// </summary>
    public static bool IsDependency(string dependency) => Dependencies.Contains(dependency) || PoolOf(dependency) is not null;

    /// <summary>Gets the dependency names for messages: the named ones, then <c>&lt;pool&gt;.&lt;host&gt;</c> per pool.</summary>
    public static IReadOnlyList<string> DependencyForms { get; } = [.. Dependencies, .. Pools.Select(p => p + ".<host>")];

    private static bool IsHostName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && name[0] != '-' && name[^1] != '-';

    /// <summary>Gets the name a scenario file uses for a metric, for example <c>successRate</c>.</summary>
    public static string NameOf(ExpectationMetric metric) => Metrics.First(m => m.Value == metric).Key;

    /// <summary>Gets the name a scenario file uses for an invariant, for example <c>noLostOrders</c>.</summary>
    public static string NameOf(InvariantKind invariant) => Invariants.First(i => i.Value == invariant).Key;

    /// <summary>Gets the name a scenario file uses for a fallback, for example <c>secondaryGateway</c>.</summary>
    public static string NameOf(FallbackKind fallback) => Fallbacks.First(f => f.Value == fallback).Key;

    /// <summary>Gets the name a scenario file uses for a fault kind, for example <c>status</c>.</summary>
    public static string NameOf(FaultKind kind) => FaultKinds.First(k => k.Value == kind).Key;

    /// <summary>Gets the name a scenario file uses for a recovery shape, for example <c>gradual</c>.</summary>
    public static string NameOf(RecoveryShape shape) => RecoveryShapes.First(k => k.Value == shape).Key;
}
