namespace Chaos.Engine.Reports;

/// <summary>The 1-second buckets of one journey.</summary>
public sealed record JourneyBucketsReport(string Journey, IReadOnlyList<BucketReport> Buckets);
