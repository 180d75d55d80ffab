using Chaos.Engine.Load;

namespace Chaos.Engine.Metrics;

/// <summary>
/// The journeys intended to start in a window of a run: counts by outcome and latency percentiles measured from the
/// intended start. Dropped arrivals count in <see cref="Count"/> (as not succeeded) but have no latency.
/// </summary>
/// <param name="Count">Arrivals in the window, dropped ones included.</param>
/// <param name="Succeeded">Journeys that succeeded.</param>
/// <param name="Degraded">Journeys that failed as designed (for example 503 with <c>Retry-After</c>).</param>
/// <param name="ByOutcome">Arrivals by outcome; every <see cref="OutcomeKind"/> is present.</param>
/// <param name="P50Seconds">Median latency in seconds, or NaN when no journey completed in the window.</param>
/// <param name="P95Seconds">95th percentile latency in seconds, or NaN when no journey completed in the window.</param>
/// <param name="P99Seconds">99th percentile latency in seconds, or NaN when no journey completed in the window.</param>
/// <param name="MaxSeconds">Largest latency in seconds, or NaN when no journey completed in the window.</param>
public sealed record WindowSummary(long Count, long Succeeded, long Degraded, IReadOnlyDictionary<OutcomeKind, long> ByOutcome,
    double P50Seconds, double P95Seconds, double P99Seconds, double MaxSeconds)
{
    /// <summary>
    /// Gets the journeys that did not succeed, by outcome and the status code of their last response (0 when there was
    /// none); dropped arrivals count under <see cref="OutcomeKind.Dropped"/> with status 0.
    /// </summary>
    public IReadOnlyDictionary<FailureKey, long> Failures { get; init; } = new Dictionary<FailureKey, long>();

    /// <summary>
    /// Gets the 99th percentile of how late the load engine started the window's journeys against their intended start
    /// (its schedule lag), in seconds; NaN when none ran. It is part of every latency above: the engine's own share.
    /// </summary>
    public double LagP99Seconds { get; init; } = double.NaN;

    /// <summary>Gets the largest schedule lag of the window's journeys, in seconds; NaN when none ran.</summary>
    public double LagMaxSeconds { get; init; } = double.NaN;

    /// <summary>Gets the share of arrivals that succeeded (dropped ones count as not succeeded), or NaN for an empty window.</summary>
    /// <remarks>NaN, not 1, so that an expectation can never pass on a window without data.</remarks>
    public double SuccessRate => Count == 0 ? double.NaN : (double)Succeeded / Count;

    /// <summary>Gets the share of arrivals that succeeded or degraded as designed, or NaN for an empty window.</summary>
    public double AvailableRate => Count == 0 ? double.NaN : (double)(Succeeded + Degraded) / Count;
}
