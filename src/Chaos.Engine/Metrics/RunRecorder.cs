using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Chaos.Engine.Load;
using HdrHistogram;

namespace Chaos.Engine.Metrics;

/// <summary>
/// Records every journey of a run into buckets by intended start (1 s by default): counts by outcome and an
/// HdrHistogram of latency (microseconds, up to 5 minutes, 3 significant digits).
/// </summary>
/// <remarks>
/// Thread-safe. Recording takes no lock: a bucket's counters are interlocked and its histogram is a concurrent one;
/// a lock is taken only when a journey meets a bucket for the first time (once per bucket width). Memory is about
/// 80 KB per journey and bucket that holds a completed journey.
/// </remarks>
public sealed partial class RunRecorder
{
    /// <summary>The largest latency the histograms hold, in microseconds; longer ones are recorded as this.</summary>
    internal const long HighestTrackableMicroseconds = 5L * 60 * 1_000_000;

    internal const int SignificantDigits = 3;

    /// <summary>The number of distinct failure details kept per journey; later ones are counted under <see cref="OtherDetails"/>.</summary>
    internal const int MaxDistinctDetails = 100;

    /// <summary>The key that counts failure details beyond <see cref="MaxDistinctDetails"/>.</summary>
    internal const string OtherDetails = "(other details)";

    private static readonly OutcomeKind[] Outcomes = Enum.GetValues<OutcomeKind>();

    private readonly FrozenDictionary<string, JourneySeries> _series;
    private readonly JourneySeries[] _all;
    private readonly long _bucketTicks;
    private int _lastBucket = -1;

    /// <summary>Creates a recorder for the given journeys.</summary>
    /// <param name="journeys">Every journey that will be recorded.</param>
    /// <param name="bucketWidth">The width of a bucket. Defaults to 1 second.</param>
    public RunRecorder(IEnumerable<string> journeys, TimeSpan? bucketWidth = null)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        var width = bucketWidth ?? TimeSpan.FromSeconds(1);
        if (width <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(bucketWidth), width, "The bucket width must be positive; use 1 second.");
        }

        var names = journeys.Distinct(StringComparer.Ordinal).ToArray();
        _all = names.Select(name => new JourneySeries(name)).ToArray();
        _series = _all.ToFrozenDictionary(series => series.Name, StringComparer.Ordinal);
        _bucketTicks = width.Ticks;
        BucketWidth = width;
        Journeys = names;
    }

    /// <summary>Gets the journeys this recorder accepts, in the order given.</summary>
    public IReadOnlyList<string> Journeys { get; }

    /// <summary>Gets the width of a bucket.</summary>
    public TimeSpan BucketWidth { get; }

    /// <summary>Records a journey that ran.</summary>
    /// <param name="journey">The journey, one of <see cref="Journeys"/>.</param>
    /// <param name="intendedStart">When it was intended to start, from the start of the run; it chooses the bucket.</param>
    /// <param name="latency">Time from the intended start to the end of the journey.</param>
    /// <param name="result">How it ended.</param>
    /// <param name="lag">
    /// How late the load engine started it against its intended start (its schedule lag): the engine's own share of
    /// <paramref name="latency"/>, kept apart so that the judge can tell it from the system's.
    /// </param>
    public void Record(string journey, TimeSpan intendedStart, TimeSpan latency, JourneyResult result, TimeSpan lag = default)
    {
        var bucket = BucketFor(journey, intendedStart);
        bucket.RecordLag(Math.Clamp(lag.Ticks / TimeSpan.TicksPerMicrosecond, 0, HighestTrackableMicroseconds));
        if (result.Outcome != OutcomeKind.Success && result.Detail is { } detail)
        {
            _series[journey].CountDetail(detail);
        }

        if (result.Outcome == OutcomeKind.Dropped)
        {
            bucket.RecordDropped();
            return;
        }

        var microseconds = Math.Clamp(latency.Ticks / TimeSpan.TicksPerMicrosecond, 0, HighestTrackableMicroseconds);
        bucket.Record(result.Outcome, microseconds);
        if (result.Outcome != OutcomeKind.Success)
        {
            bucket.CountFailure(new FailureKey(result.Outcome, result.StatusCode));
        }
    }

    /// <summary>Records an arrival that was dropped because the in-flight bound was reached.</summary>
    /// <param name="journey">The journey, one of <see cref="Journeys"/>.</param>
    /// <param name="intendedStart">When it was intended to start, from the start of the run.</param>
    public void RecordDropped(string journey, TimeSpan intendedStart) => BucketFor(journey, intendedStart).RecordDropped();

    /// <summary>Summarizes the arrivals whose bucket starts in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <param name="journey">The journey, or null for all journeys.</param>
    /// <param name="from">The start of the window (inclusive), from the start of the run.</param>
    /// <param name="to">The end of the window (exclusive).</param>
    /// <returns>The counts and the latency percentiles of the window's merged histograms.</returns>
    public WindowSummary Summarize(string? journey, TimeSpan from, TimeSpan to)
    {
        var series = Select(journey);
        var (first, end) = BucketRange(from, to);
        var counts = new long[Outcomes.Length];
        var histogram = NewMergeHistogram();
        var lag = NewMergeHistogram();
        var failures = new Dictionary<FailureKey, long>();
        foreach (var s in series)
        {
            for (var i = first; i < end; i++)
            {
                if (s.Find(i) is { } bucket)
                {
                    bucket.AddTo(counts, histogram);
                    bucket.AddLagTo(lag);
                    bucket.AddFailuresTo(failures);
                }
            }
        }

        if (counts[(int)OutcomeKind.Dropped] > 0)
        {
            failures[new FailureKey(OutcomeKind.Dropped, 0)] = counts[(int)OutcomeKind.Dropped];
        }

        var byOutcome = Outcomes.ToDictionary(kind => kind, kind => counts[(int)kind]);
        return new WindowSummary(
            counts.Sum(),
            counts[(int)OutcomeKind.Success],
            counts[(int)OutcomeKind.Degraded],
            byOutcome,
            Percentile(histogram, 50),
            Percentile(histogram, 95),
            Percentile(histogram, 99),
            histogram.TotalCount == 0 ? double.NaN : histogram.GetMaxValue() / 1e6)
        {
            Failures = failures,
            LagP99Seconds = Percentile(lag, 99),
            LagMaxSeconds = lag.TotalCount == 0 ? double.NaN : lag.GetMaxValue() / 1e6,
        };
    }

    /// <summary>
    /// Counts the outcomes of the arrivals whose bucket starts in [<paramref name="from"/>, <paramref name="to"/>)
    /// without merging any histogram: cheap enough for a live view to call every second of a long run.
    /// </summary>
    /// <param name="journey">The journey, or null for all journeys.</param>
    /// <param name="from">The start of the window (inclusive), from the start of the run.</param>
    /// <param name="to">The end of the window (exclusive).</param>
    /// <returns>The count of every outcome, zeros included.</returns>
    public IReadOnlyDictionary<OutcomeKind, long> CountOutcomes(string? journey, TimeSpan from, TimeSpan to)
    {
        var (first, end) = BucketRange(from, to);
        var counts = new long[Outcomes.Length];
        foreach (var s in Select(journey))
        {
            for (var i = first; i < end; i++)
            {
                s.Find(i)?.AddCountsTo(counts);
            }
        }

        return Outcomes.ToDictionary(kind => kind, kind => counts[(int)kind]);
    }

    private (int First, int End) BucketRange(TimeSpan from, TimeSpan to)
    {
        var first = (int)Math.Clamp(CeilingDiv(Math.Max(0, from.Ticks), _bucketTicks), 0, int.MaxValue);
        var end = (int)Math.Clamp(CeilingDiv(Math.Max(0, to.Ticks), _bucketTicks), 0, int.MaxValue);
        return (first, Math.Min(end, Volatile.Read(ref _lastBucket) + 1));
    }

    /// <summary>Gets one snapshot per bucket, from the first bucket to the last one recorded for any journey.</summary>
    /// <param name="journey">The journey, or null for all journeys.</param>
    /// <returns>The buckets in time order; every journey's list has the same length.</returns>
    public IReadOnlyList<BucketSnapshot> Buckets(string? journey)
    {
        var series = Select(journey);
        var count = Volatile.Read(ref _lastBucket) + 1;
        var result = new BucketSnapshot[count];
        var counts = new long[Outcomes.Length];
        var histogram = NewMergeHistogram();
        var lag = NewMergeHistogram();
        for (var i = 0; i < count; i++)
        {
            Array.Clear(counts);
            histogram.Reset();
            lag.Reset();
            foreach (var s in series)
            {
                if (s.Find(i) is { } bucket)
                {
                    bucket.AddTo(counts, histogram);
                    bucket.AddLagTo(lag);
                }
            }

            result[i] = new BucketSnapshot(
                TimeSpan.FromTicks(i * _bucketTicks),
                counts.Sum(),
                counts[(int)OutcomeKind.Success],
                counts[(int)OutcomeKind.Degraded],
                counts[(int)OutcomeKind.HttpError] + counts[(int)OutcomeKind.Timeout] + counts[(int)OutcomeKind.ConnectionError],
                counts[(int)OutcomeKind.Dropped],
                Percentile(histogram, 50),
                Percentile(histogram, 99))
            {
                LagP99Seconds = Percentile(lag, 99),
            };
        }

        return result;
    }

    /// <summary>
    /// Gets how often each detail of a journey that did not succeed was seen (for example the step that failed or the
    /// exception a journey threw), most frequent first; at most 100 distinct details per journey are kept.
    /// </summary>
    /// <param name="journey">The journey, or null for all journeys.</param>
    /// <returns>The count of each detail.</returns>
    public IReadOnlyDictionary<string, long> FailureDetails(string? journey)
    {
        var merged = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var series in Select(journey))
        {
            foreach (var (detail, count) in series.Details())
            {
                merged[detail] = merged.GetValueOrDefault(detail) + count;
            }
        }

        return merged.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }

    private static long CeilingDiv(long value, long divisor) => (value + divisor - 1) / divisor;

    private static LongHistogram NewMergeHistogram() => new(1, HighestTrackableMicroseconds, SignificantDigits);

    private static double Percentile(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? double.NaN : histogram.GetValueAtPercentile(percentile) / 1e6;

    private IReadOnlyList<JourneySeries> Select(string? journey)
    {
        if (journey is null)
        {
            return _all;
        }

        return [Series(journey)];
    }

    private JourneySeries Series(string journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        if (_series.TryGetValue(journey, out var series))
        {
            return series;
        }

        throw new ArgumentException(
            $"Journey '{journey}' is not one the recorder was created with ({string.Join(", ", Journeys)}); create the RunRecorder with every journey of the load plan.",
            nameof(journey));
    }

    private Bucket BucketFor(string journey, TimeSpan intendedStart)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intendedStart, TimeSpan.Zero);
        var index = intendedStart.Ticks / _bucketTicks;
        if (index > int.MaxValue - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(intendedStart), intendedStart, "The intended start is beyond the range of the recorder's buckets.");
        }

        var bucketIndex = (int)index;
        var bucket = Series(journey).GetOrAdd(bucketIndex);
        var last = Volatile.Read(ref _lastBucket);
        while (bucketIndex > last)
        {
            var seen = Interlocked.CompareExchange(ref _lastBucket, bucketIndex, last);
            if (seen == last)
            {
                break;
            }

            last = seen;
        }

        return bucket;
    }

    /// <summary>The buckets of one journey; the array only grows, under a lock, and slots are filled under the same lock.</summary>
    private sealed partial class JourneySeries(string name)
    {
        private readonly Lock _gate = new();
        private readonly ConcurrentDictionary<string, StrongBox<long>> _details = new(StringComparer.Ordinal);
        private Bucket?[] _buckets = new Bucket?[64];
        private int _distinctDetails;
        private long _otherDetails;

        public string Name { get; } = name;

        public void CountDetail(string detail)
        {
            if (!_details.TryGetValue(detail, out var count))
            {
                if (Interlocked.Increment(ref _distinctDetails) > MaxDistinctDetails)
                {
                    Interlocked.Increment(ref _otherDetails);
                    return;
                }

                count = _details.GetOrAdd(detail, static _ => new StrongBox<long>());
            }

            Interlocked.Increment(ref count.Value);
        }

        public IEnumerable<KeyValuePair<string, long>> Details()
        {
            foreach (var (detail, count) in _details)
            {
                yield return new(detail, Volatile.Read(ref count.Value));
            }

            var other = Volatile.Read(ref _otherDetails);
            if (other > 0)
            {
                yield return new(OtherDetails, other);
            }
        }

        public Bucket? Find(int index)
        {
            var buckets = Volatile.Read(ref _buckets);
            return index < buckets.Length ? Volatile.Read(ref buckets[index]) : null;
        }

        public Bucket GetOrAdd(int index)
        {
            var found = Find(index);
            if (found is not null)
            {
                return found;
            }

            lock (_gate)
            {
                var buckets = _buckets;
                if (index >= buckets.Length)
                {
                    var length = buckets.Length;
                    while (length <= index)
                    {
                        length = length > int.MaxValue / 2 ? int.MaxValue : length * 2;
                    }

                    Array.Resize(ref buckets, length);
                    Volatile.Write(ref _buckets, buckets);
                }

                var bucket = buckets[index];
                if (bucket is null)
                {
                    bucket = new Bucket();
                    Volatile.Write(ref buckets[index], bucket);
                }

                return bucket;
            }
        }
    }

    /// <summary>One journey's arrivals in one bucket.</summary>
    private sealed partial class Bucket
    {
        private readonly long[] _counts = new long[Outcomes.Length];
        private IntConcurrentHistogram? _latency;
        private IntConcurrentHistogram? _lag;
        private ConcurrentDictionary<FailureKey, StrongBox<long>>? _failures;

        public void CountFailure(FailureKey key)
        {
            var failures = Volatile.Read(ref _failures);
            if (failures is null)
            {
                var created = new ConcurrentDictionary<FailureKey, StrongBox<long>>();
                failures = Interlocked.CompareExchange(ref _failures, created, null) ?? created;
            }

            Interlocked.Increment(ref failures.GetOrAdd(key, static _ => new StrongBox<long>()).Value);
        }

        public void AddFailuresTo(Dictionary<FailureKey, long> failures)
        {
            if (Volatile.Read(ref _failures) is not { } counted)
            {
                return;
            }

            foreach (var (key, count) in counted)
            {
                failures[key] = failures.GetValueOrDefault(key) + Volatile.Read(ref count.Value);
            }
        }

        public void Record(OutcomeKind outcome, long microseconds)
        {
            var latency = Volatile.Read(ref _latency) ?? CreateHistogram();
            latency.RecordValue(microseconds);
            Interlocked.Increment(ref _counts[(int)outcome]);
        }

        public void RecordDropped() => Interlocked.Increment(ref _counts[(int)OutcomeKind.Dropped]);

        public void RecordLag(long microseconds)
        {
            var lag = Volatile.Read(ref _lag);
            if (lag is null)
            {
                var created = new IntConcurrentHistogram(1, HighestTrackableMicroseconds, SignificantDigits);
                lag = Interlocked.CompareExchange(ref _lag, created, null) ?? created;
            }

            lag.RecordValue(microseconds);
        }

        public void AddLagTo(HistogramBase histogram)
        {
            if (Volatile.Read(ref _lag) is { } lag)
            {
                histogram.Add(lag);
            }
        }

        public void AddCountsTo(long[] counts)
        {
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] += Volatile.Read(ref _counts[i]);
            }
        }

        public void AddTo(long[] counts, HistogramBase histogram)
        {
            AddCountsTo(counts);
            var latency = Volatile.Read(ref _latency);
            if (latency is not null)
            {
                histogram.Add(latency);
            }
        }

        private IntConcurrentHistogram CreateHistogram()
        {
            var created = new IntConcurrentHistogram(1, HighestTrackableMicroseconds, SignificantDigits);
            return Interlocked.CompareExchange(ref _latency, created, null) ?? created;
        }
    }
}
