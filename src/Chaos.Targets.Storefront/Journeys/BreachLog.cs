namespace Chaos.Targets.Storefront;

/// <summary>
/// Counts the attempts a storefront must refuse and the breaches among them (those it let through), keeping the first
/// <see cref="MaxKept"/> breaches for reports; later ones are only counted. Thread-safe.
/// </summary>
/// <typeparam name="T">What a breach records.</typeparam>
internal sealed class BreachLog<T>
{
    /// <summary>The number of breaches kept for reports.</summary>
    public const int MaxKept = 1000;

    private readonly Lock _gate = new();
    private readonly List<T> _kept = [];
    private long _attempts;
    private long _breaches;

    public long Attempts => Interlocked.Read(ref _attempts);

    public long Breaches => Interlocked.Read(ref _breaches);

    /// <summary>Gets a copy of the breaches kept, in the order they were recorded.</summary>
    public IReadOnlyList<T> Kept
    {
        get
        {
            lock (_gate)
            {
                return _kept.ToArray();
            }
        }
    }

    public void RecordAttempt() => Interlocked.Increment(ref _attempts);

    /// <summary>Counts a breach (of an attempt already recorded) and keeps it while fewer than <see cref="MaxKept"/> are.</summary>
    /// <param name="breach">Builds what the breach records; called only when it is kept.</param>
    public void RecordBreach(Func<T> breach)
    {
        Interlocked.Increment(ref _breaches);
        lock (_gate)
        {
            if (_kept.Count < MaxKept)
            {
                _kept.Add(breach());
            }
        }
    }

    /// <summary>Adds another log's counts and kept breaches (a load agent's), keeping at most <see cref="MaxKept"/> in all.</summary>
    public void Add(long attempts, long breaches, IReadOnlyList<T> kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        Interlocked.Add(ref _attempts, attempts);
        Interlocked.Add(ref _breaches, breaches);
        lock (_gate)
        {
            _kept.AddRange(kept.Take(MaxKept - _kept.Count));
        }
    }
}
