using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Judging;

/// <summary>The names metrics and invariants have in scenario files and reports.</summary>
public static class MetricNames
{
    /// <summary>The scenario-file name of a metric (camelCase), as <see cref="ScenarioVocabulary.Metrics"/> defines it.</summary>
    public static string Of(ExpectationMetric metric) => ScenarioVocabulary.NameOf(metric);

    /// <summary>The scenario-file name of an invariant (camelCase), as <see cref="ScenarioVocabulary.Invariants"/> defines it.</summary>
    public static string Of(InvariantKind invariant) => ScenarioVocabulary.NameOf(invariant);

    /// <summary>The scenario-file name of a fallback (camelCase), as <see cref="ScenarioVocabulary.Fallbacks"/> defines it.</summary>
    public static string Of(FallbackKind fallback) => ScenarioVocabulary.NameOf(fallback);

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

        var isDuration = ScenarioVocabulary.Metrics.Any(m => m.Key == metric && IsDuration(m.Value));
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
