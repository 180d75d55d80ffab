using Chaos.Engine.Judging;

namespace Chaos.Targets.Storefront;

/// <summary>
/// A load agent's storefront ledgers, as they travel to the coordinator: the orders it was told were accepted, its probes of
/// protected surfaces and its attempts to change checked-out carts, with every time counted from the start of the load.
/// The coordinator adds them to its own ledgers before reconciling, so the invariants see every agent's journeys.
/// </summary>
/// <param name="Orders">The accepted orders.</param>
/// <param name="ProbesBySurface">How many probes were made of each protected surface.</param>
/// <param name="Violations">How many probes were let in (all of them).</param>
/// <param name="ViolationsKept">The probes let in that were kept for reports.</param>
/// <param name="TamperAttempts">How many changes to checked-out carts were tried.</param>
/// <param name="Breaches">How many of them were accepted (all of them).</param>
/// <param name="BreachesKept">The accepted changes kept for reports.</param>
public sealed record StorefrontLedgers(
    IReadOnlyList<AcceptedOrder> Orders,
    IReadOnlyDictionary<string, long> ProbesBySurface,
    long Violations,
    IReadOnlyList<AccessViolation> ViolationsKept,
    long TamperAttempts,
    long Breaches,
    IReadOnlyList<CartTamperBreach> BreachesKept)
{
    /// <summary>Reads the ledgers, shifting every time by <paramref name="shift"/> (from the journeys' creation to the load's start).</summary>
    public static StorefrontLedgers From(OrderLedger orders, AccessLedger access, CartTamperLedger tamper, TimeSpan shift)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(tamper);
        return new StorefrontLedgers(
            [.. orders.Orders.Select(o => o with { At = o.At - shift })],
            access.ProbesBySurface,
            access.ViolationCount,
            [.. access.Violations.Select(v => v with { At = v.At - shift })],
            tamper.Attempts,
            tamper.BreachCount,
            [.. tamper.Breaches.Select(b => b with { At = b.At - shift })]);
    }

    /// <summary>Adds the ledgers to a run's own, shifting every time by <paramref name="shift"/> (from the load's start to the ledgers' epoch).</summary>
    public void AddTo(OrderLedger orders, AccessLedger access, CartTamperLedger tamper, TimeSpan shift)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(tamper);
        foreach (var order in Orders)
        {
            orders.Add(order with { At = order.At + shift });
        }

        access.Add(ProbesBySurface, Violations, [.. ViolationsKept.Select(v => v with { At = v.At + shift })]);
        tamper.Add(TamperAttempts, Breaches, [.. BreachesKept.Select(b => b with { At = b.At + shift })]);
    }
}
