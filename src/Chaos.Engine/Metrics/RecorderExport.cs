namespace Chaos.Engine.Metrics;

/// <summary>
/// Everything a <see cref="RunRecorder"/> holds, in a form another process can add to its own recorder without loss: per
/// journey and bucket the counts by outcome and the failures by kind, the failure details per journey, and every bucket's
/// latency and schedule-lag histograms as one HdrHistogram interval log (HdrHistogram's own text format, one interval per
/// bucket, tagged <c>latency/&lt;journey&gt;</c> or <c>lag/&lt;journey&gt;</c>).
/// </summary>
/// <param name="BucketSeconds">The width of a bucket, in seconds.</param>
/// <param name="Journeys">Each journey's buckets that hold anything, and its failure details.</param>
/// <param name="HistogramLog">The interval log; its start time is the start of bucket 0.</param>
public sealed record RecorderExport(double BucketSeconds, IReadOnlyList<RecordedJourney> Journeys, string HistogramLog);
