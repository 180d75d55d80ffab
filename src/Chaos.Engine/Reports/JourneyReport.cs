namespace Chaos.Engine.Reports;

/// <summary>A journey's figures over a phase.</summary>
public sealed record JourneyReport(
    string Journey,
    long Count,
    long Succeeded,
    long Degraded,
    IReadOnlyDictionary<string, long> Outcomes,
    double? SuccessRate,
    double P50Seconds,
    double P95Seconds,
    double P99Seconds,
    double MaxSeconds)
{
    /// <summary>
    /// Gets the 99th percentile of how late the load engine started these journeys against their intended start (its
    /// schedule lag), in seconds: the engine's own share of the latencies above; 0 when none ran.
    /// </summary>
    public double LagP99Seconds { get; init; }
}
