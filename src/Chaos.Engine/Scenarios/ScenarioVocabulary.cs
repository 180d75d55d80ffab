using Chaos.Engine.Faults;

namespace Chaos.Engine.Scenarios;

/// <summary>
/// The language of a scenario file, whatever system it rehearses: phases, fault kinds, latency distributions, recovery
/// shapes, metrics, fallbacks and invariants. The loader validates against these lists and quotes them in its messages,
/// so a new kind or metric is added here once. The names of a system under test (its journeys, dependencies, routes and
/// host tags) are its target's: <see cref="StorefrontVocabulary"/> for the reference storefront, a system file's otherwise.
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
