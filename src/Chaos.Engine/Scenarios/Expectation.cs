namespace Chaos.Engine.Scenarios;

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
