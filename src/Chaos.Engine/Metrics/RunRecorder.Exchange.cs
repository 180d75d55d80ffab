using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using HdrHistogram;

namespace Chaos.Engine.Metrics;

/// <summary>The recorder's export and import: how load agents' recorders are merged into one without loss.</summary>
public sealed partial class RunRecorder
{
    private const string LatencyTag = "latency/";
    private const string LagTag = "lag/";

    // The interval log's timestamps are milliseconds; bucket i starts i bucket widths after this base.
    private static readonly DateTime LogStart = DateTime.UnixEpoch;

    /// <summary>Exports everything recorded so far (see <see cref="RecorderExport"/>).</summary>
    /// <returns>The export; <see cref="Import"/> adds it to another recorder.</returns>
    public RecorderExport Export() => Export(TimeSpan.Zero);

    /// <summary>Exports the buckets that start at or after <paramref name="from"/> (a load agent's live progress: its last seconds).</summary>
    /// <param name="from">The start of the first bucket exported, from the start of the run.</param>
    /// <returns>The export; <see cref="Import"/> adds it to another recorder.</returns>
    public RecorderExport Export(TimeSpan from)
    {
        var count = Volatile.Read(ref _lastBucket) + 1;
        var first = (int)Math.Clamp(CeilingDiv(Math.Max(0, from.Ticks), _bucketTicks), 0, int.MaxValue);
        var histograms = new List<HistogramBase>();
        var journeys = new List<RecordedJourney>();
        var counts = new long[Outcomes.Length];
        foreach (var series in _all)
        {
            var buckets = new List<RecordedBucket>();
            for (var i = first; i < count; i++)
            {
                if (series.Find(i) is not { } bucket)
                {
                    continue;
                }

                Array.Clear(counts);
                var latency = NewMergeHistogram();
                var lag = NewMergeHistogram();
                bucket.AddTo(counts, latency);
                bucket.AddLagTo(lag);
                var failures = new Dictionary<FailureKey, long>();
                bucket.AddFailuresTo(failures);
                buckets.Add(new RecordedBucket(
                    i,
                    Outcomes.Where(o => counts[(int)o] > 0).ToDictionary(o => o, o => counts[(int)o]),
                    [.. failures.Select(f => new RecordedFailure(f.Key.Outcome, f.Key.StatusCode, f.Value))]));
                AddToLog(histograms, latency, LatencyTag + series.Name, i);
                AddToLog(histograms, lag, LagTag + series.Name, i);
            }

            journeys.Add(new RecordedJourney(series.Name, buckets, series.Details().ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal)));
        }

        using var stream = new MemoryStream();
        HistogramLogWriter.Write(stream, LogStart, [.. histograms]);

        // The writer writes UTF-16 with a byte-order mark; the log travels as text.
        stream.Position = 0;
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return new RecorderExport(BucketWidth.TotalSeconds, journeys, text.ReadToEnd());
    }

    /// <summary>
    /// Adds an export to this recorder: counts are summed and histograms added, bucket by bucket, so percentiles of the
    /// result are those of all the recorded journeys together (never an average of percentiles).
    /// </summary>
    /// <param name="export">An export of a recorder with the same bucket width and journeys this recorder knows.</param>
    /// <exception cref="InvalidDataException">The export does not fit this recorder; the message says why.</exception>
    public void Import(RecorderExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        if (Math.Abs(export.BucketSeconds - BucketWidth.TotalSeconds) > 1e-9)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"its buckets are {export.BucketSeconds} s wide, this recorder's {BucketWidth.TotalSeconds} s; record both with the same width."));
        }

        var unknown = export.Journeys.Select(j => j.Journey).Where(j => !_series.ContainsKey(j)).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidDataException($"it records journeys this run does not know ({string.Join(", ", unknown)}); give every agent the same scenario.");
        }

        var histograms = ReadLog(export.HistogramLog);
        foreach (var journey in export.Journeys)
        {
            var series = _series[journey.Journey];
            foreach (var (detail, count) in journey.Details)
            {
                series.AddDetail(detail, count);
            }

            foreach (var recorded in journey.Buckets)
            {
                if (recorded.Index < 0)
                {
                    throw new InvalidDataException($"journey '{journey.Journey}' has a bucket at index {recorded.Index}; indices start at 0.");
                }

                var bucket = BucketFor(journey.Journey, TimeSpan.FromTicks(recorded.Index * _bucketTicks));
                histograms.TryGetValue((LatencyTag + journey.Journey, recorded.Index), out var latency);
                histograms.TryGetValue((LagTag + journey.Journey, recorded.Index), out var lag);
                bucket.Merge(recorded.Counts, latency, lag, recorded.Failures);
            }
        }
    }

    private void AddToLog(List<HistogramBase> histograms, LongHistogram histogram, string tag, int index)
    {
        if (histogram.TotalCount == 0)
        {
            return;
        }

        var start = (long)(LogStart - DateTime.UnixEpoch).TotalMilliseconds + (long)(index * BucketWidth.TotalMilliseconds);
        histogram.Tag = tag;
        histogram.StartTimeStamp = start;
        histogram.EndTimeStamp = start + (long)BucketWidth.TotalMilliseconds;
        histograms.Add(histogram);
    }

    private Dictionary<(string Tag, int Index), HistogramBase> ReadLog(string log)
    {
        var result = new Dictionary<(string, int), HistogramBase>();
        if (string.IsNullOrWhiteSpace(log))
        {
            return result;
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(log));
        using var reader = new HistogramLogReader(stream);
        try
        {
            foreach (var histogram in reader.ReadHistograms())
            {
                var index = (int)Math.Round(histogram.StartTimeStamp / BucketWidth.TotalMilliseconds);
                if (histogram.Tag is not { } tag || !(tag.StartsWith(LatencyTag, StringComparison.Ordinal) || tag.StartsWith(LagTag, StringComparison.Ordinal)))
                {
                    throw new InvalidDataException($"its histogram log has an interval tagged '{histogram.Tag}'; expected latency/<journey> or lag/<journey>.");
                }

                result[(tag, index)] = histogram;
            }
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentException)
        {
            throw new InvalidDataException($"its histogram log is not an HdrHistogram interval log: {ex.Message}", ex);
        }

        return result;
    }

    private sealed partial class JourneySeries
    {
        /// <summary>Adds <paramref name="count"/> sightings of a failure detail, within the same bound as <see cref="CountDetail"/>.</summary>
        public void AddDetail(string detail, long count)
        {
            if (detail == OtherDetails)
            {
                Interlocked.Add(ref _otherDetails, count);
                return;
            }

            if (!_details.TryGetValue(detail, out var counted))
            {
                if (Interlocked.Increment(ref _distinctDetails) > MaxDistinctDetails)
                {
                    Interlocked.Add(ref _otherDetails, count);
                    return;
                }

                counted = _details.GetOrAdd(detail, static _ => new StrongBox<long>());
            }

            Interlocked.Add(ref counted.Value, count);
        }
    }

    private sealed partial class Bucket
    {
        /// <summary>Adds another recorder's bucket: counts summed, histograms added.</summary>
        public void Merge(IReadOnlyDictionary<Load.OutcomeKind, long> counts, HistogramBase? latency, HistogramBase? lag, IReadOnlyList<RecordedFailure> failures)
        {
            foreach (var (outcome, count) in counts)
            {
                Interlocked.Add(ref _counts[(int)outcome], count);
            }

            if (latency is not null)
            {
                (Volatile.Read(ref _latency) ?? CreateHistogram()).Add(latency);
            }

            if (lag is not null)
            {
                var mine = Volatile.Read(ref _lag);
                if (mine is null)
                {
                    var created = new IntConcurrentHistogram(1, HighestTrackableMicroseconds, SignificantDigits);
                    mine = Interlocked.CompareExchange(ref _lag, created, null) ?? created;
                }

                mine.Add(lag);
            }

            foreach (var failure in failures)
            {
                var failuresByKey = Volatile.Read(ref _failures);
                if (failuresByKey is null)
                {
                    var created = new System.Collections.Concurrent.ConcurrentDictionary<FailureKey, StrongBox<long>>();
                    failuresByKey = Interlocked.CompareExchange(ref _failures, created, null) ?? created;
                }

                Interlocked.Add(ref failuresByKey.GetOrAdd(new FailureKey(failure.Outcome, failure.StatusCode), static _ => new StrongBox<long>()).Value, failure.Count);
            }
        }
    }
}
