namespace Chaos.Engine.Load;

/// <summary>
/// A virtual user of the load engine: an identity, a seeded source of randomness and a state slot that persist across
/// the journeys it runs. It runs one journey at a time.
/// </summary>
/// <remarks>
/// In closed-model phases there is one virtual user per copy, and it loops journeys. In open-model phases virtual users
/// come from a pool of at most <see cref="LoadPlan.MaxInFlight"/>: each arrival borrows one and returns it when its
/// journey ends, so a user's state (a session token, a cart, orders placed) carries over to later arrivals, as with
/// k6's arrival-rate executors.
/// </remarks>
public sealed class VirtualUser
{
    /// <summary>Creates a virtual user.</summary>
    /// <param name="id">Its id, unique within a run.</param>
    /// <param name="planSeed">The seed of the load plan; with <paramref name="id"/> it seeds <see cref="Random"/>.</param>
    public VirtualUser(int id, int planSeed)
    {
        Id = id;
        Random = new Random(SeedFor(planSeed, id));
    }

    /// <summary>Gets the user's id: open-model users are numbered from 0, closed-model users from the plan's <see cref="LoadPlan.MaxInFlight"/>.</summary>
    public int Id { get; }

    /// <summary>Gets the user's own random source, seeded from the plan's seed and <see cref="Id"/>; the same plan gives the same sequence.</summary>
    public Random Random { get; }

    /// <summary>Gets or sets the user's state, for the journey runner to keep across the user's journeys.</summary>
    /// <value>Defaults to null.</value>
    public object? State { get; set; }

    /// <summary>Gets the user's state as a <typeparamref name="T"/>, creating it with <paramref name="create"/> on first use.</summary>
    /// <typeparam name="T">The state's type.</typeparam>
    /// <param name="create">Creates the state.</param>
    /// <returns>The state.</returns>
    /// <exception cref="InvalidOperationException">The state holds something else than a <typeparamref name="T"/>.</exception>
    public T GetOrAdd<T>(Func<T> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(create);
        switch (State)
        {
            case null:
                var created = create();
                State = created;
                return created;
            case T state:
                return state;
            default:
                throw new InvalidOperationException(
                    $"Virtual user {Id} holds a {State.GetType().Name}, not a {typeof(T).Name}; keep one state type per journey runner.");
        }
    }

    /// <summary>Mixes the plan's seed and a user's id into the user's seed (SplitMix64's finalizer): stable across processes, unlike HashCode.</summary>
    internal static int SeedFor(int planSeed, int id)
    {
        unchecked
        {
            var z = ((ulong)(uint)planSeed << 32) | (uint)id;
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z ^ (z >> 32));
        }
    }
}
