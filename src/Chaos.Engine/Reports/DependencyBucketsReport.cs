namespace Chaos.Engine.Reports;

/// <summary>The calls of one dependency per second of the run.</summary>
public sealed record DependencyBucketsReport(string Dependency, IReadOnlyList<DependencyBucketReport> Buckets);
