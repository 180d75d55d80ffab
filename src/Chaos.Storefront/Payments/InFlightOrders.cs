using System.Collections.Concurrent;

namespace Chaos.Storefront.Payments;

/// <summary>
/// Orders a checkout of this process is paying right now, so the capture worker never mistakes one for an order
/// left <c>created</c> by a crash and charges it at the same time.
/// </summary>
internal sealed class InFlightOrders
{
    private readonly ConcurrentDictionary<string, byte> orders = new(StringComparer.Ordinal);

    public void Add(string orderId) => orders.TryAdd(orderId, 0);

    public void Remove(string orderId) => orders.TryRemove(orderId, out _);

    public bool Contains(string orderId) => orders.ContainsKey(orderId);
}
