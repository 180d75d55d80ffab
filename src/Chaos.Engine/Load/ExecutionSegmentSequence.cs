namespace Chaos.Engine.Load;

/// <summary>
/// A split of a load into execution segments, as k6 does for distributed runs: boundaries <c>0 = r0 &lt; r1 &lt; ... &lt; rn = 1</c>
/// as exact fractions, segment <c>i</c> being <c>(r[i], r[i+1]]</c>. Work items 0, 1, 2, ... (the open model's arrivals, a
/// closed-model phase's virtual users) are striped over the segments: item <c>k</c> belongs to exactly one segment, decided
/// by <c>k</c> modulo the lowest common denominator of the segments' lengths, so that each segment's items are spread
/// evenly over the schedule instead of taking one contiguous stretch of it.
/// </summary>
/// <remarks>
/// The striping: with <c>L</c> the lowest common denominator of the lengths, segment <c>s</c> of length <c>w/L</c> owns
/// <c>w</c> of every <c>L</c> consecutive items. Items <c>0 .. L-1</c> are dealt in order; each goes to the first segment
/// (longest first, ties in sequence order) that has taken no more than its fair share so far (<c>taken * L &lt;= k * w</c>).
/// So the first <c>k</c> items give a segment of length <c>f</c> close to <c>k f</c> of them (at most <c>k f + 1</c>; within 1
/// either way for the splits the tests check), every period gives it exactly its length, and for equal segments (the usual <c>i/n</c> split) item <c>k</c> simply goes to segment <c>k mod n</c>.
/// </remarks>
public sealed class ExecutionSegmentSequence
{
    /// <summary>The largest lowest common denominator accepted: the striping keeps one owner per item of a period.</summary>
    public const long MaxPeriod = 1_000_000;

    private readonly Fraction[] _boundaries;
    private readonly int[] _owners;
    private readonly long[] _weights;

    private ExecutionSegmentSequence(Fraction[] boundaries)
    {
        _boundaries = boundaries;
        var count = boundaries.Length - 1;
        var lengths = Enumerable.Range(0, count).Select(i => boundaries[i + 1] - boundaries[i]).ToArray();
        long period = 1;
        foreach (var length in lengths)
        {
            period = checked(period / Fraction.Gcd(period, length.Denominator) * length.Denominator);
            if (period > MaxPeriod)
            {
                throw new ArgumentException($"the segments' lengths have a common denominator above {MaxPeriod}; use simpler fractions such as 1/3 or 1/4.");
            }
        }

        Period = period;
        _weights = lengths.Select(l => l.Numerator * (period / l.Denominator)).ToArray();

        // Longest first, ties in sequence order (a stable sort).
        var order = Enumerable.Range(0, count).OrderByDescending(i => _weights[i]).ToArray();
        var taken = new long[count];
        _owners = new int[period];
        for (long k = 0; k < period; k++)
        {
            var owner = -1;
            foreach (var s in order)
            {
                if (_weights[s] > 0 && taken[s] * period <= k * _weights[s])
                {
                    owner = s;
                    break;
                }
            }

            // Unreachable: the shares sum to the period, so some segment is always at or below its share.
            if (owner < 0)
            {
                throw new InvalidOperationException($"No execution segment of {this} takes item {k}; this is a bug in the striping.");
            }

            taken[owner]++;
            _owners[k] = owner;
        }
    }

    /// <summary>Gets the boundaries, from 0 to 1.</summary>
    public IReadOnlyList<Fraction> Boundaries => _boundaries;

    /// <summary>Gets the number of segments.</summary>
    public int Count => _boundaries.Length - 1;

    /// <summary>Gets the lowest common denominator of the segments' lengths: the striping repeats every this many items.</summary>
    public long Period { get; }

    /// <summary>Gets <paramref name="count"/> equal segments: <c>0, 1/n, 2/n, ..., 1</c>.</summary>
    /// <param name="count">The number of segments (agents), at least 1.</param>
    /// <returns>The sequence.</returns>
    public static ExecutionSegmentSequence Equal(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new ExecutionSegmentSequence([.. Enumerable.Range(0, count + 1).Select(i => new Fraction(i, count))]);
    }

    /// <summary>
    /// Parses k6's form <c>0,1/3,2/3,1</c>: at least two boundaries, from 0 to 1, each above the one before.
    /// </summary>
    /// <param name="text">The boundaries, comma-separated.</param>
    /// <param name="sequence">The sequence, when valid.</param>
    /// <param name="error">What is wrong and how to fix it, when not.</param>
    /// <returns>Whether the text is a valid sequence.</returns>
    public static bool TryParse(string? text, out ExecutionSegmentSequence? sequence, out string? error)
    {
        sequence = null;
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries);
        var boundaries = new Fraction[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!Fraction.TryParse(parts[i], out boundaries[i]))
            {
                error = $"'{parts[i]}' is not a fraction; write boundaries like 0,1/3,2/3,1.";
                return false;
            }
        }

        if (boundaries.Length < 2 || boundaries[0] != Fraction.Zero || boundaries[^1] != Fraction.One)
        {
            error = $"'{text}' must start at 0 and end at 1 with at least two boundaries; write it like 0,1/3,2/3,1.";
            return false;
        }

        for (var i = 1; i < boundaries.Length; i++)
        {
            if (boundaries[i] <= boundaries[i - 1])
            {
                error = $"'{text}': boundary {boundaries[i]} is not above {boundaries[i - 1]}; list them in increasing order, like 0,1/3,2/3,1.";
                return false;
            }
        }

        try
        {
            sequence = new ExecutionSegmentSequence(boundaries);
        }
        catch (ArgumentException ex)
        {
            error = $"'{text}': {ex.Message}";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Gets the segment that owns item <paramref name="index"/>.</summary>
    /// <param name="index">The item (an arrival's index in the schedule, a virtual user's slot), from 0.</param>
    /// <returns>The segment's index, in [0, <see cref="Count"/>).</returns>
    public int OwnerOf(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return _owners[index % Period];
    }

    /// <summary>Gets how many of the items <c>0 .. value-1</c> segment <paramref name="segment"/> owns.</summary>
    /// <param name="segment">The segment's index.</param>
    /// <param name="value">The number of items.</param>
    /// <returns>The segment's share; the shares of all segments add up to <paramref name="value"/>.</returns>
    public long Share(int segment, long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfNegative(segment);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(segment, Count);
        var share = value / Period * _weights[segment];
        var rest = value % Period;
        for (long k = 0; k < rest; k++)
        {
            if (_owners[k] == segment)
            {
                share++;
            }
        }

        return share;
    }

    /// <summary>Gets k6's form, <c>0,1/3,2/3,1</c>.</summary>
    public override string ToString() => string.Join(",", _boundaries.Select(b => b.ToString()));
}
