using Chaos.Engine.Load;

namespace Chaos.Engine.Metrics;

/// <summary>One bucket of one journey in a <see cref="RecorderExport"/>.</summary>
/// <param name="Index">The bucket's index: its start is <c>Index</c> bucket widths after the start of the load.</param>
/// <param name="Counts">The arrivals by outcome (dropped ones included).</param>
/// <param name="Failures">The journeys that did not succeed, by outcome and status code.</param>
public sealed record RecordedBucket(int Index, IReadOnlyDictionary<OutcomeKind, long> Counts, IReadOnlyList<RecordedFailure> Failures);
