namespace Chaos.Engine.Load;

/// <summary>
/// The open model's virtual users: at most a bound of them, created on first need, borrowed by an arrival and returned
/// when its journey ends. Last in, first out, so the users that ran recently (and their state) are reused first.
/// </summary>
internal sealed class VirtualUserPool(int capacity, int seed)
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

            return new VirtualUser(_created++, seed);
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
