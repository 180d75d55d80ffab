using System.Collections.Concurrent;

namespace Chaos.Engine.Journeys;

/// <summary>The load engine's own record of the orders the storefront said it accepted: one side of reconciliation.</summary>
public sealed class OrderLedger
{
    private readonly ConcurrentQueue<AcceptedOrder> _orders = new();

    /// <summary>Gets a copy of every accepted order so far.</summary>
    public IReadOnlyList<AcceptedOrder> Orders => _orders.ToArray();

    /// <summary>Records an order the storefront accepted.</summary>
    public void Add(AcceptedOrder order) => _orders.Enqueue(order);
}

/// <summary>An order the storefront told a customer it accepted.</summary>
/// <param name="OrderId">The storefront's order id.</param>
/// <param name="Status">The status answered at checkout (<c>paid</c> or <c>payment_pending</c>).</param>
/// <param name="Amount">The amount in cents.</param>
/// <param name="At">Offset from the run start at which it was accepted.</param>
public sealed record AcceptedOrder(string OrderId, string Status, long Amount, TimeSpan At);
