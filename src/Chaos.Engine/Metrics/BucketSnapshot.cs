namespace Chaos.Engine.Metrics;

/// <summary>One bucket of a run (by intended start), for charts and reports.</summary>
/// <param name="Start">The start of the bucket, from the start of the run.</param>
/// <param name="Count">Arrivals in the bucket, dropped ones included.</param>
/// <param name="Succeeded">Journeys that succeeded.</param>
/// <param name="Degraded">Journeys that failed as designed.</param>
/// <param name="Failed">Journeys that failed beyond contract: HTTP errors, timeouts and connection errors.</param>
/// <param name="Dropped">Arrivals dropped at the in-flight bound.</param>
/// <param name="P50Seconds">Median latency in seconds, or NaN when no journey completed.</param>
/// <param name="P99Seconds">99th percentile latency in seconds, or NaN when no journey completed.</param>
public sealed record BucketSnapshot(TimeSpan Start, long Count, long Succeeded, long Degraded, long Failed, long Dropped, double P50Seconds, double P99Seconds)
{
    /// <summary>Gets the 99th percentile of the bucket's schedule lag (how late the engine started its journeys), in seconds; NaN when none ran.</summary>
    public double LagP99Seconds { get; init; } = double.NaN;
}
