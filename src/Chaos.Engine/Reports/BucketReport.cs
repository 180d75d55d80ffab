namespace Chaos.Engine.Reports;

/// <summary>One bucket of the run, all journeys.</summary>
public sealed record BucketReport(double AtSeconds, long Count, long Succeeded, long Degraded, long Failed, long Dropped, double P50Seconds, double P99Seconds)
{
    /// <summary>Gets the 99th percentile of the bucket's schedule lag (how late the engine started its journeys), in seconds; 0 when none ran.</summary>
    public double LagP99Seconds { get; init; }
}
