namespace Chaos.Engine.Load;

/// <summary>
/// The open model's virtual users: at most a bound of them, created on first need, borrowed by an arrival and returned
/// when its journey ends. Last in, first out, so the users that ran recently (and their state) are reused first.
/// </summary>
/// <param name="capacity">The most users it creates.</param>
/// <param name="seed">The plan's seed; with a user's id it seeds the user's random source.</param>
/// <param name="firstId">The id of its first user; the others follow. A load agent's pool starts where no other agent's
/// users are, so that users (their random draws, trace ids and <c>{{user.id}}</c>) are as distinct across agents as
/// they are in one engine.</param>
internal sealed class VirtualUserPool(int capacity, int seed, int firstId = 0)
{
    private readonly Lock _gate = new();
    private readonly Stack<VirtualUser> _free = new();
    private int _created;

    /// <summary>Gets how many users the pool has created (never more than its capacity).</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>Borrows a user; the caller guarantees that fewer than the capacity are borrowed.</summary>
    public VirtualUser Rent()
    {
        lock (_gate)
        {
            if (_free.TryPop(out var user))
            {
                return user;
            }

            if (_created >= capacity)
            {
                throw new InvalidOperationException($"All {capacity} virtual users are borrowed; an arrival must not start beyond the in-flight bound.");
            }

            return new VirtualUser(firstId + _created++, seed);
        }
    }

    /// <summary>Returns a borrowed user.</summary>
    public void Return(VirtualUser user)
    {
        lock (_gate)
        {
            _free.Push(user);
        }
    }
}
