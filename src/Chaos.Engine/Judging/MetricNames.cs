using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Judging;

/// <summary>The names metrics and invariants have in scenario files and reports.</summary>
public static class MetricNames
{
    /// <summary>The scenario-file name of a metric (camelCase).</summary>
    public static string Of(ExpectationMetric metric) => metric switch
    {
        ExpectationMetric.SuccessRate => "successRate",
        ExpectationMetric.AvailableRate => "availableRate",
        ExpectationMetric.P50 => "p50",
        ExpectationMetric.P95 => "p95",
        ExpectationMetric.P99 => "p99",
        ExpectationMetric.TimeToCircuitOpen => "timeToCircuitOpen",
        ExpectationMetric.TimeToRecover => "timeToRecover",
        ExpectationMetric.Amplification => "amplification",
        _ => metric.ToString(),
    };

    /// <summary>The scenario-file name of an invariant (camelCase).</summary>
    public static string Of(InvariantKind invariant) => invariant switch
    {
        InvariantKind.NoLostOrders => "noLostOrders",
        InvariantKind.NoDoubleCharges => "noDoubleCharges",
        InvariantKind.PendingPaymentsCaptured => "pendingPaymentsCaptured",
        _ => invariant.ToString(),
    };

    /// <summary>Whether the metric is a duration in seconds.</summary>
    public static bool IsDuration(ExpectationMetric metric) => metric is ExpectationMetric.P50 or ExpectationMetric.P95
        or ExpectationMetric.P99 or ExpectationMetric.TimeToCircuitOpen or ExpectationMetric.TimeToRecover;

    /// <summary>Whether the metric is a rate in [0, 1].</summary>
    public static bool IsRate(ExpectationMetric metric) => metric is ExpectationMetric.SuccessRate or ExpectationMetric.AvailableRate;
}
