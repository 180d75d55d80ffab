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

    /// <summary>
    /// Formats an expectation's bounds on the metric of that scenario-file name for people: <c>&gt;= 0.95</c>,
    /// <c>&lt;= 2s</c>, or both joined by "and".
    /// </summary>
    public static string FormatBounds(string metric, double? atLeast, double? atMost) =>
        JoinBounds(atLeast, atMost, ">=", "<=", value => FormatValue(metric, value));

    /// <summary>An expectation's bounds in the given words (">=", "at least"), each value formatted; both joined by "and".</summary>
    internal static string JoinBounds(double? atLeast, double? atMost, string atLeastWord, string atMostWord, Func<double, string> format)
    {
        var parts = new List<string>();
        if (atLeast is { } min)
        {
            parts.Add($"{atLeastWord} {format(min)}");
        }

        if (atMost is { } max)
        {
            parts.Add($"{atMostWord} {format(max)}");
        }

        return string.Join(" and ", parts);
    }

    /// <summary>Formats seconds for people: <c>268ms</c> below a second, <c>2.24s</c> from one up.</summary>
    public static string FormatSeconds(double seconds) => seconds < 1
        ? (seconds * 1000).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "ms"
        : seconds.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "s";

    /// <summary>Whether the metric is a rate in [0, 1].</summary>
    public static bool IsRate(ExpectationMetric metric) => metric is ExpectationMetric.SuccessRate or ExpectationMetric.AvailableRate or ExpectationMetric.UnexpectedFailures;
}
