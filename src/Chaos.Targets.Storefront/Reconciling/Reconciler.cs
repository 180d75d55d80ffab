using Chaos.Engine.Faults;
using Chaos.Engine.Judging;
using Chaos.Engine.Scenarios;

namespace Chaos.Targets.Storefront;

/// <summary>
/// Checks the invariants after the drain by reconciling three ledgers that were kept independently: the
/// load engine's accepted orders, the storefront's orders, the payment gateways' charge journals and the
/// fulfillment hosts' shipment journals.
/// </summary>
public static class Reconciler
{
    private const int MaxExamples = 5;

    /// <summary>Checks the given invariants.</summary>
    /// <param name="invariants">The invariants to check.</param>
    /// <param name="accepted">The orders the load engine was told were accepted.</param>
    /// <param name="storefront">The storefront's orders after the drain.</param>
    /// <param name="journals">The dependencies' journals.</param>
    /// <param name="access">The probes of protected surfaces, for <c>noUnauthenticatedAccess</c>; null when none were made.</param>
    /// <param name="stock">The centres' stock and the hosts' centres, for <c>noOversell</c>; null when not read.</param>
    /// <param name="tamper">The changes tried on checked-out carts, for <c>noPaidCartChanged</c>; null when none were tried.</param>
    public static IReadOnlyList<InvariantResult> Check(
        IEnumerable<InvariantKind> invariants,
        IReadOnlyList<AcceptedOrder> accepted,
        IReadOnlyList<StorefrontOrder> storefront,
        IEnumerable<DependencyJournal> journals,
        AccessLedger? access = null,
        StockLedger? stock = null,
        CartTamperLedger? tamper = null)
    {
        var charges = journals.SelectMany(j => j.Charges.Select(c => (Gateway: j.Dependency, Charge: c))).ToList();
        var ordersById = storefront.GroupBy(o => o.OrderId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var chargesByOrder = charges.ToLookup(c => c.Charge.OrderId, StringComparer.Ordinal);
        var chargesById = charges.ToLookup(c => (c.Gateway, c.Charge.ChargeId));

        // A shipment is named by its host and id; the same record read through two journals (a pool's and its
        // host's) is one shipment, not a duplicate.
        var shipments = journals.SelectMany(j => j.Shipments)
            .DistinctBy(s => (s.Host, s.ShipmentId))
            .OrderBy(s => s.At)
            .ToList();
        var shipmentsByOrder = shipments.ToLookup(s => s.OrderId, StringComparer.Ordinal);
        return invariants.Select(kind => kind switch
        {
            InvariantKind.NoLostOrders => NoLostOrders(accepted, ordersById, charges),
            InvariantKind.NoDoubleCharges => NoDoubleCharges(chargesByOrder),
            InvariantKind.PendingPaymentsCaptured => PendingPaymentsCaptured(ordersById.Values, chargesByOrder, chargesById),
            InvariantKind.NoDuplicateShipments => NoDuplicateShipments(shipmentsByOrder, shipments.Count),
            InvariantKind.EveryPaidOrderShipped => EveryPaidOrderShipped(ordersById, shipmentsByOrder),
            InvariantKind.NoUnauthenticatedAccess => NoUnauthenticatedAccess(access),
            InvariantKind.NoOversell => NoOversell(stock, shipments),
            InvariantKind.ShippedAsPaid => ShippedAsPaid(ordersById, shipments, charges),
            InvariantKind.NoPaidCartChanged => NoPaidCartChanged(tamper),
            _ => new InvariantResult(MetricNames.Of(kind), false, $"invariant {kind} is not checked by this harness", []),
        }).ToArray();
    }

    private static InvariantResult NoLostOrders(
        IReadOnlyList<AcceptedOrder> accepted,
        Dictionary<string, StorefrontOrder> orders,
        List<(string Gateway, ChargeRecord Charge)> charges)
    {
        var problems = new List<string>();
        foreach (var order in accepted)
        {
            if (!orders.TryGetValue(order.OrderId, out var stored))
            {
                problems.Add($"order {order.OrderId} was accepted ({order.Status}) at {order.At.TotalSeconds:0.0}s but the storefront has no such order");
            }
            else if (stored.Status is not (AcceptedOrder.Paid or AcceptedOrder.PaymentPending))
            {
                problems.Add($"order {order.OrderId} was accepted ({order.Status}) but the storefront has it as {stored.Status}");
            }
            else if (stored.Amount != order.Amount)
            {
                problems.Add($"order {order.OrderId} was accepted for {order.Amount} but the storefront has {stored.Amount}");
            }
        }

        foreach (var (gateway, charge) in charges)
        {
            if (!orders.TryGetValue(charge.OrderId, out var stored))
            {
                problems.Add($"{gateway} charged {charge.Amount} for order {charge.OrderId} that the storefront does not have");
            }
            else if (stored.Status == "rejected")
            {
                problems.Add($"{gateway} charged {charge.Amount} for order {charge.OrderId} that the storefront rejected");
            }
        }

        return problems.Count == 0
            ? new InvariantResult("noLostOrders", true, $"all {accepted.Count} accepted orders are in the storefront, and every charge belongs to an accepted order", [])
            : new InvariantResult("noLostOrders", false, $"{problems.Count} orders lost or charged without being accepted", problems.Take(MaxExamples).ToArray());
    }

    private static InvariantResult NoDoubleCharges(ILookup<string, (string Gateway, ChargeRecord Charge)> chargesByOrder)
    {
        var doubled = chargesByOrder.Where(g => g.Count() > 1).ToList();
        var total = chargesByOrder.Sum(g => g.Count());
        if (doubled.Count == 0)
        {
            return new InvariantResult("noDoubleCharges", true, $"{total} charges, at most one per order", []);
        }

        var examples = doubled.Take(MaxExamples)
            .Select(g => $"order {g.Key} charged {g.Count()} times: {string.Join(", ", g.Select(c => $"{c.Charge.ChargeId} on {c.Gateway} (key {c.Charge.IdempotencyKey ?? "none"})"))}")
            .ToArray();
        return new InvariantResult("noDoubleCharges", false, $"{doubled.Count} orders charged more than once ({doubled.Sum(g => g.Count() - 1)} extra charges)", examples);
    }

    private static InvariantResult PendingPaymentsCaptured(
        IEnumerable<StorefrontOrder> orders,
        ILookup<string, (string Gateway, ChargeRecord Charge)> chargesByOrder,
        ILookup<(string Gateway, string ChargeId), (string Gateway, ChargeRecord Charge)> chargesById)
    {
        var problems = new List<string>();
        var accepted = 0;
        foreach (var order in orders)
        {
            if (order.Status is "rejected")
            {
                continue;
            }

            accepted++;
            var count = chargesByOrder[order.OrderId].Count();
            if (order.Status != AcceptedOrder.Paid)
            {
                problems.Add($"order {order.OrderId} is still {order.Status} after the drain");
            }
            else if (count == 0)
            {
                var claimed = chargesById[("payments." + order.Gateway, order.ChargeId ?? "")].Select(c => c.Charge.OrderId).FirstOrDefault();
                var owner = claimed is null ? "which that gateway never issued" : $"which that gateway issued for order {claimed}";
                problems.Add($"order {order.OrderId} is paid in the storefront (charge {order.ChargeId ?? "none"} on {order.Gateway ?? "no gateway"}, {owner}) but no gateway has a charge for it");
            }
        }

        return problems.Count == 0
            ? new InvariantResult("pendingPaymentsCaptured", true, $"all {accepted} accepted orders are paid, each with a charge", [])
            : new InvariantResult("pendingPaymentsCaptured", false, $"{problems.Count} of {accepted} accepted orders not captured", problems.Take(MaxExamples).ToArray());
    }

    private static InvariantResult NoDuplicateShipments(ILookup<string, ShipmentRecord> shipmentsByOrder, int total)
    {
        var duplicated = shipmentsByOrder.Where(g => g.Count() > 1).ToList();
        if (duplicated.Count == 0)
        {
            return new InvariantResult("noDuplicateShipments", true, $"{total} shipments, at most one per order", []);
        }

        var examples = duplicated.Take(MaxExamples)
            .Select(g => $"order {g.Key} shipped {g.Count()} times: {string.Join(", ", g.Select(s => $"{s.ShipmentId} on {s.Host} at {s.At:HH:mm:ss.fff} (key {s.IdempotencyKey ?? "none"})"))}")
            .ToArray();
        return new InvariantResult("noDuplicateShipments", false, $"{duplicated.Count} orders shipped more than once ({duplicated.Sum(g => g.Count() - 1)} extra shipments)", examples);
    }

    private static InvariantResult EveryPaidOrderShipped(Dictionary<string, StorefrontOrder> orders, ILookup<string, ShipmentRecord> shipmentsByOrder)
    {
        var problems = new List<string>();
        var paid = 0;
        var missing = 0;
        var multiple = 0;
        var orphans = 0;
        foreach (var order in orders.Values.Where(o => o.Status == AcceptedOrder.Paid))
        {
            paid++;
            var shipped = shipmentsByOrder[order.OrderId].ToList();
            if (shipped.Count == 0)
            {
                missing++;
                problems.Add($"order {order.OrderId} is paid but no fulfillment host has a shipment for it after the drain");
            }
            else if (shipped.Count > 1)
            {
                multiple++;
                problems.Add($"order {order.OrderId} has {shipped.Count} shipments ({string.Join(", ", shipped.Select(s => $"{s.ShipmentId} on {s.Host}"))}), not exactly one");
            }
        }

        foreach (var group in shipmentsByOrder.Where(g => !orders.TryGetValue(g.Key, out var o) || o.Status != AcceptedOrder.Paid))
        {
            var status = orders.TryGetValue(group.Key, out var o) ? $"is {o.Status}" : "does not exist in the storefront";
            var first = group.First();
            orphans++;
            problems.Add($"{first.Host} shipped order {group.Key} ({first.ShipmentId}) that {status}");
        }

        return problems.Count == 0
            ? new InvariantResult("everyPaidOrderShipped", true, $"all {paid} paid orders shipped, each exactly once", [])
            : new InvariantResult("everyPaidOrderShipped", false, Describe(paid, missing, multiple, orphans), problems.Take(MaxExamples).ToArray());
    }

    private static InvariantResult NoUnauthenticatedAccess(AccessLedger? access)
    {
        const string Name = "noUnauthenticatedAccess";
        if (access is null || access.Probes == 0)
        {
            return new InvariantResult(Name, false, "no probe of a protected surface was made, so unauthenticated access could not be checked; add the adminProbe journey to load.journeys with a weight above 0", [], Measured: false);
        }

        var surfaces = string.Join(", ", access.ProbesBySurface.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Value} on {p.Key}"));
        var violations = access.Violations;
        if (access.ViolationCount == 0)
        {
            return new InvariantResult(Name, true, $"all {access.Probes} probes with a bad or missing credential were refused ({surfaces})", []);
        }

        var examples = violations.Take(MaxExamples)
            .Select(v => $"{v.Surface} with credential {v.Credential} answered {v.StatusCode} at {v.At.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}s")
            .ToArray();
        var first = string.Join("; ", examples.Take(3));
        return new InvariantResult(Name, false, $"{access.ViolationCount} of {access.Probes} probes with a bad or missing credential were let in ({surfaces}); first: {first}", examples);
    }

    private static InvariantResult NoOversell(StockLedger? stock, List<ShipmentRecord> shipments)
    {
        const string Name = "noOversell";
        if (stock?.Centres is not { Count: > 0 } centres)
        {
            return new InvariantResult(Name, false, "the storefront reported no fulfillment centres (GET /admin/inventory), so overselling could not be checked", [], Measured: false);
        }

        // The host's own tag first (a ledger the storefront does not keep), else the storefront's assignment.
        var centreOfHost = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var centre in centres)
        {
            foreach (var host in centre.Hosts ?? [])
            {
                centreOfHost[host] = centre.Name;
            }
        }

        foreach (var host in stock.Hosts)
        {
            if (host.Tags.TryGetValue(StorefrontVocabulary.CentreTag, out var tagged))
            {
                centreOfHost[host.Host] = tagged;
            }
        }

        // One shipment per order: a duplicate shipment is noDuplicateShipments' finding, not units counted twice.
        var shipped = new Dictionary<(string Centre, string Sku), long>();
        var unassigned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var shipment in shipments.DistinctBy(s => s.OrderId, StringComparer.Ordinal))
        {
            if (!centreOfHost.TryGetValue(shipment.Host, out var centre))
            {
                unassigned.Add(shipment.Host);
                continue;
            }

            foreach (var line in shipment.Lines)
            {
                shipped[(centre, line.Sku)] = shipped.GetValueOrDefault((centre, line.Sku)) + line.Quantity;
            }
        }

        var problems = new List<string>();
        long totalReserved = 0;
        foreach (var centre in centres)
        {
            foreach (var sku in centre.Skus)
            {
                var units = shipped.GetValueOrDefault((centre.Name, sku.Sku));
                totalReserved += sku.Reserved;
                if (units + sku.Reserved > sku.Stock)
                {
                    problems.Add($"centre {centre.Name}, {sku.Sku}: {units} units shipped and {sku.Reserved} reserved, {units + sku.Reserved} in all, with {sku.Stock} in stock ({units + sku.Reserved - sku.Stock} oversold)");
                }
            }

            foreach (var ((name, sku), units) in shipped.Where(s => s.Key.Centre == centre.Name && centre.Skus.All(k => k.Sku != s.Key.Sku)))
            {
                problems.Add($"centre {name}, {sku}: {units} units shipped with none in stock ({units} oversold)");
            }
        }

        foreach (var ((name, sku), units) in shipped.Where(s => centres.All(c => c.Name != s.Key.Centre)))
        {
            problems.Add($"centre {name} (a host's centre tag) is not a centre of the storefront, yet its hosts shipped {units} units of {sku}");
        }

        if (unassigned.Count > 0)
        {
            problems.Add($"hosts {string.Join(", ", unassigned.Order(StringComparer.Ordinal))} shipped orders but belong to no centre; tag them centre: <name>");
        }

        var scope = string.Join(", ", centres.Select(c => $"{c.Name} {shipped.Where(s => s.Key.Centre == c.Name).Sum(s => s.Value)} shipped of {c.Skus.Sum(k => k.Stock)}"));
        return problems.Count == 0
            ? new InvariantResult(Name, true, $"per centre and SKU, shipped plus reserved units within stock ({scope}; {totalReserved} still reserved)", [])
            : new InvariantResult(Name, false, $"{problems.Count} centre and SKU pairs oversold or unaccounted; first: {problems[0]}", problems.Take(MaxExamples).ToArray());
    }

    private static InvariantResult ShippedAsPaid(
        Dictionary<string, StorefrontOrder> orders,
        List<ShipmentRecord> shipments,
        List<(string Gateway, ChargeRecord Charge)> charges)
    {
        var name = MetricNames.Of(InvariantKind.ShippedAsPaid);
        var withLines = orders.Values.Where(o => o.Lines is not null).ToList();
        if (orders.Count > 0 && withLines.Count == 0)
        {
            return new InvariantResult(name, false, "the storefront's GET /admin/orders reports no order lines, so shipments could not be compared with orders; use a storefront that lists lines and subtotal", [], Measured: false);
        }

        var problems = new List<string>();
        var offending = new HashSet<string>(StringComparer.Ordinal);
        foreach (var order in withLines)
        {
            var sum = order.Lines!.Sum(l => l.Quantity * l.UnitPrice);
            if (order.Subtotal is { } subtotal && subtotal != sum)
            {
                offending.Add(order.OrderId);
                problems.Add($"order {order.OrderId} has subtotal {subtotal} but its lines {Lines(order.Lines!)} sum to {sum}");
            }
        }

        foreach (var shipment in shipments)
        {
            if (!orders.TryGetValue(shipment.OrderId, out var order) || order.Lines is not { } ordered)
            {
                // A shipment of an order the storefront does not have is everyPaidOrderShipped's to report.
                continue;
            }

            var expected = Lines(ordered.Select(l => new ShipmentLine(l.Sku, l.Quantity, l.UnitPrice)));
            var received = Lines(shipment.Lines);
            if (expected != received)
            {
                offending.Add(order.OrderId);
                problems.Add($"order {order.OrderId}: {shipment.Host} ({shipment.ShipmentId}) shipped {received}, expected {expected}");
            }
            else if (shipment.Amount != order.Amount)
            {
                offending.Add(order.OrderId);
                problems.Add($"order {order.OrderId}: {shipment.Host} ({shipment.ShipmentId}) was told an amount of {shipment.Amount}, expected {order.Amount}");
            }
        }

        foreach (var (gateway, charge) in charges)
        {
            if (orders.TryGetValue(charge.OrderId, out var order) && charge.Amount != order.Amount)
            {
                offending.Add(order.OrderId);
                problems.Add($"order {order.OrderId}: {gateway} charged {charge.Amount} ({charge.ChargeId}), expected the order's amount {order.Amount}");
            }
        }

        return problems.Count == 0
            ? new InvariantResult(name, true, $"{shipments.Count} shipments carry their order's lines, {withLines.Count} orders' subtotals are the sum of their lines, {charges.Count} charges are for the order's amount", [])
            : new InvariantResult(name, false, $"{offending.Count} orders not shipped or charged as ordered; first: {string.Join("; ", problems.Take(3))}", problems.Take(MaxExamples).ToArray());
    }

    /// <summary>Lines in a canonical order, for comparison and messages: <c>[sku-001 x2 @ 1999, sku-004 x1 @ 500]</c>.</summary>
    private static string Lines(IEnumerable<ShipmentLine> lines) =>
        "[" + string.Join(", ", lines.OrderBy(l => l.Sku, StringComparer.Ordinal).ThenBy(l => l.Quantity).ThenBy(l => l.UnitPrice)
            .Select(l => FormattableString.Invariant($"{l.Sku} x{l.Quantity} @ {l.UnitPrice}"))) + "]";

    private static string Lines(IEnumerable<StorefrontOrderLine> lines) => Lines(lines.Select(l => new ShipmentLine(l.Sku, l.Quantity, l.UnitPrice)));

    private static InvariantResult NoPaidCartChanged(CartTamperLedger? tamper)
    {
        var name = MetricNames.Of(InvariantKind.NoPaidCartChanged);
        if (tamper is null || tamper.Attempts == 0)
        {
            return new InvariantResult(name, false, "no change to a checked-out cart was tried, so it could not be checked; add the cartTamper journey to load.journeys with a weight above 0", [], Measured: false);
        }

        if (tamper.BreachCount == 0)
        {
            return new InvariantResult(name, true, $"all {tamper.Attempts} changes to checked-out carts were refused", []);
        }

        var examples = tamper.Breaches.Take(MaxExamples)
            .Select(b => $"cart {b.CartId} (order {b.OrderId}, {b.OrderStatus}) took a new item with {b.StatusCode} at {b.At.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}s")
            .ToArray();
        return new InvariantResult(name, false, $"{tamper.BreachCount} of {tamper.Attempts} changes to checked-out carts were accepted; first: {string.Join("; ", examples.Take(3))}", examples);
    }

    private static string Describe(int paid, int missing, int multiple, int orphans)
    {
        var parts = new List<string>();
        if (missing > 0)
        {
            parts.Add($"{missing} of {paid} paid orders not shipped after the drain");
        }

        if (multiple > 0)
        {
            parts.Add($"{multiple} paid orders shipped more than once");
        }

        if (orphans > 0)
        {
            parts.Add($"{orphans} orders shipped without being paid");
        }

        return string.Join("; ", parts);
    }
}
