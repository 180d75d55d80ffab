namespace Chaos.Engine.Metrics;

/// <summary>One journey's buckets in a <see cref="RecorderExport"/>.</summary>
/// <param name="Journey">The journey.</param>
/// <param name="Buckets">Its buckets that hold anything, by index.</param>
/// <param name="Details">How often each failure detail was seen.</param>
public sealed record RecordedJourney(string Journey, IReadOnlyList<RecordedBucket> Buckets, IReadOnlyDictionary<string, long> Details);
