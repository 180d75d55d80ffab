using Chaos.Engine.Load;

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

/// <summary>One journey's buckets in a <see cref="RecorderExport"/>.</summary>
/// <param name="Journey">The journey.</param>
/// <param name="Buckets">Its buckets that hold anything, by index.</param>
/// <param name="Details">How often each failure detail was seen.</param>
public sealed record RecordedJourney(string Journey, IReadOnlyList<RecordedBucket> Buckets, IReadOnlyDictionary<string, long> Details);

/// <summary>One bucket of one journey in a <see cref="RecorderExport"/>.</summary>
/// <param name="Index">The bucket's index: its start is <c>Index</c> bucket widths after the start of the load.</param>
/// <param name="Counts">The arrivals by outcome (dropped ones included).</param>
/// <param name="Failures">The journeys that did not succeed, by outcome and status code.</param>
public sealed record RecordedBucket(int Index, IReadOnlyDictionary<OutcomeKind, long> Counts, IReadOnlyList<RecordedFailure> Failures);

/// <summary>How many journeys of a bucket ended one way.</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="StatusCode">The last status code, or 0.</param>
/// <param name="Count">How many.</param>
public sealed record RecordedFailure(OutcomeKind Outcome, int StatusCode, long Count);
