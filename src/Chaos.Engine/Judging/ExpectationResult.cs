namespace Chaos.Engine.Judging;

/// <summary>The judgement of one expectation.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="Journey">The journey, if any.</param>
/// <param name="Dependency">The dependency, if any.</param>
/// <param name="Metric">The metric's name as written in scenario files.</param>
/// <param name="AtLeast">The lower bound, if any.</param>
/// <param name="AtMost">The upper bound, if any.</param>
/// <param name="Observed">The observed value; null when it could not be measured.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Measured">Whether there was data to judge (an unmeasurable expectation makes the run an error, never a pass).</param>
/// <param name="Message">One line a person understands.</param>
/// <param name="Line">The scenario file's line.</param>
public sealed record ExpectationResult(
    string Phase,
    string? Journey,
    string? Dependency,
    string Metric,
    double? AtLeast,
    double? AtMost,
    double? Observed,
    bool Passed,
    bool Measured,
    string Message,
    int Line)
{
    /// <summary>Gets the failure kinds an <c>unexpectedFailures</c> expectation did not count; null for other metrics.</summary>
    public IReadOnlyList<string>? ExpectedFailures { get; init; }

    /// <summary>Gets the fallback a <c>fallbacks</c> expectation counted; null for other metrics.</summary>
    public string? Fallback { get; init; }

    /// <summary>Gets the route a <c>retriesPerRequest</c> expectation was limited to, if any.</summary>
    public string? Route { get; init; }

    /// <summary>
    /// Gets whether the expectation was not judged because the run stopped early (<c>--fail-fast</c>) before its data was
    /// complete; such a result is neither passed nor measured, and makes the run neither an error nor a pass.
    /// </summary>
    public bool Skipped { get; init; }

    /// <summary>Gets the expectation as <c>phase subject metric</c>, for example <c>outage checkout successRate</c>.</summary>
    public string Name => $"{Phase} {Journey ?? Dependency ?? "all"} {Metric}";
}
