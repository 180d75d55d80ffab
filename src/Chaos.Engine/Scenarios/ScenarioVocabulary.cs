using Chaos.Engine.Faults;

namespace Chaos.Engine.Scenarios;

/// <summary>
/// The names a scenario file may use: journeys, dependencies and their routes, fault kinds, phases, metrics and
/// invariants. The loader validates against these lists and quotes them in its messages, so a new dependency or
/// journey is added here once.
/// </summary>
public static class ScenarioVocabulary
{
    /// <summary>The phase from the start of the load until the first fault starts.</summary>
    public const string BaselinePhase = "baseline";

    /// <summary>The phase from the start of the first fault until the last fault clears.</summary>
    public const string FaultPhase = "fault";

    /// <summary>The phase from the moment the last fault clears until the end of the load.</summary>
    public const string RecoveryPhase = "recovery";

    /// <summary>The whole load, from its start to its end.</summary>
    public const string RunPhase = "run";

    private static readonly string[] PaymentRoutes = ["charges", "lookup", "capture"];

    private static readonly (string Name, string[] Routes)[] DependencyRoutes =
    [
        ("payments.primary", PaymentRoutes),
        ("payments.secondary", PaymentRoutes),
    ];

    /// <summary>Gets the journeys the load engine can run, in the order messages list them.</summary>
    public static IReadOnlyList<string> Journeys { get; } = ["browse", "addToCart", "checkout"];

    /// <summary>Gets the dependencies a fault can target, in the order messages list them.</summary>
    public static IReadOnlyList<string> Dependencies { get; } = [.. DependencyRoutes.Select(d => d.Name)];

    /// <summary>Gets the phase names that are not fault names; a fault may not take one of them.</summary>
    public static IReadOnlyList<string> ReservedPhases { get; } = [BaselinePhase, FaultPhase, RecoveryPhase, RunPhase];

    /// <summary>Gets the fault kinds by the name scenario files use.</summary>
    public static IReadOnlyList<KeyValuePair<string, FaultKind>> FaultKinds { get; } =
    [
        new("status", FaultKind.Status),
        new("latency", FaultKind.Latency),
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
    ];

    /// <summary>Gets the invariants by the name scenario files use.</summary>
    public static IReadOnlyList<KeyValuePair<string, InvariantKind>> Invariants { get; } =
    [
        new("noLostOrders", InvariantKind.NoLostOrders),
        new("noDoubleCharges", InvariantKind.NoDoubleCharges),
        new("pendingPaymentsCaptured", InvariantKind.PendingPaymentsCaptured),
    ];

    /// <summary>Gets the routes of a dependency a fault can be limited to; empty for an unknown dependency.</summary>
    /// <param name="dependency">The dependency, for example <c>payments.primary</c>.</param>
    public static IReadOnlyList<string> RoutesOf(string dependency)
    {
        foreach (var (name, routes) in DependencyRoutes)
        {
            if (name == dependency)
            {
                return routes;
            }
        }

        return [];
    }

    /// <summary>Gets the name a scenario file uses for a metric, for example <c>successRate</c>.</summary>
    public static string NameOf(ExpectationMetric metric) => Metrics.First(m => m.Value == metric).Key;

    /// <summary>Gets the name a scenario file uses for an invariant, for example <c>noLostOrders</c>.</summary>
    public static string NameOf(InvariantKind invariant) => Invariants.First(i => i.Value == invariant).Key;

    /// <summary>Gets the name a scenario file uses for a fault kind, for example <c>status</c>.</summary>
    public static string NameOf(FaultKind kind) => FaultKinds.First(k => k.Value == kind).Key;
}
