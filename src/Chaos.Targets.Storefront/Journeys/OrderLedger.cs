using System.Collections.Concurrent;
using Chaos.Engine.Judging;

namespace Chaos.Targets.Storefront;

/// <summary>The load engine's own record of the orders the storefront said it accepted: one side of reconciliation.</summary>
public sealed class OrderLedger
{
    private readonly ConcurrentQueue<AcceptedOrder> _orders = new();

    /// <summary>Gets a copy of every accepted order so far.</summary>
    public IReadOnlyList<AcceptedOrder> Orders => _orders.ToArray();

    /// <summary>Records an order the storefront accepted.</summary>
    public void Add(AcceptedOrder order) => _orders.Enqueue(order);
}
