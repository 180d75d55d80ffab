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
        ExpectationMetric.UnexpectedFailures => "unexpectedFailures",
        ExpectationMetric.Fallbacks => "fallbacks",
        ExpectationMetric.RetriesPerRequest => "retriesPerRequest",
        ExpectationMetric.DrainTime => "drainTime",
        _ => metric.ToString(),
    };

    /// <summary>The scenario-file name of an invariant (camelCase).</summary>
    public static string Of(InvariantKind invariant) => invariant switch
    {
        InvariantKind.NoLostOrders => "noLostOrders",
        InvariantKind.NoDoubleCharges => "noDoubleCharges",
        InvariantKind.PendingPaymentsCaptured => "pendingPaymentsCaptured",
        InvariantKind.NoDuplicateShipments => "noDuplicateShipments",
        InvariantKind.EveryPaidOrderShipped => "everyPaidOrderShipped",
        InvariantKind.NoUnauthenticatedAccess => "noUnauthenticatedAccess",
        InvariantKind.NoOversell => "noOversell",
        InvariantKind.ShippedAsPaid => "shippedAsPaid",
        InvariantKind.NoPaidCartChanged => "noPaidCartChanged",
        _ => invariant.ToString(),
    };

    /// <summary>The scenario-file name of a fallback (camelCase).</summary>
    public static string Of(FallbackKind fallback) => fallback switch
    {
        FallbackKind.SecondaryGateway => "secondaryGateway",
        FallbackKind.PaymentPending => "paymentPending",
        _ => "hostFailover",
    };

    /// <summary>Whether the metric is a duration in seconds.</summary>
    public static bool IsDuration(ExpectationMetric metric) => metric is ExpectationMetric.P50 or ExpectationMetric.P95
        or ExpectationMetric.P99 or ExpectationMetric.TimeToCircuitOpen or ExpectationMetric.TimeToRecover or ExpectationMetric.DrainTime;

    /// <summary>
    /// Formats a value of the metric of that scenario-file name for people: durations with a unit
    /// (<c>268ms</c>, <c>2.24s</c>), rates and counts as plain numbers; <c>-</c> for no value.
    /// </summary>
    public static string FormatValue(string metric, double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return "-";
        }

        var isDuration = Enum.GetValues<ExpectationMetric>().Any(m => Of(m) == metric && IsDuration(m));
        if (!isDuration)
        {
            return v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        }

        return FormatSeconds(v);
    }

    /// <summary>Formats seconds for people: <c>268ms</c> below a second, <c>2.24s</c> from one up.</summary>
    public static string FormatSeconds(double seconds) => seconds < 1
        ? (seconds * 1000).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "ms"
        : seconds.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "s";

    /// <summary>Whether the metric is a rate in [0, 1].</summary>
    public static bool IsRate(ExpectationMetric metric) => metric is ExpectationMetric.SuccessRate or ExpectationMetric.AvailableRate or ExpectationMetric.UnexpectedFailures;
}
