using Chaos.Storefront.Inventory;
using Chaos.Storefront.Orders;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Fulfillment;

/// <summary>
/// Honest delivery estimates. The promise is <see cref="FulfillmentOptions.PromisedDelivery"/> from payment. A pending
/// shipment is delayed once it has waited past <see cref="FulfillmentOptions.DelayedAfter"/>, failed a dispatch pass, or
/// its centre is closed (no host of the order's centre can ship); its estimate then becomes the promise counted from now plus
/// <see cref="FulfillmentOptions.DelayAllowance"/>. A shipment dispatched late is promised from its dispatch.
/// </summary>
internal sealed class DeliveryEstimator(ShipmentStore shipments, FulfillmentHostPool pool, FulfillmentCentres centres, IOptions<FulfillmentOptions> options, TimeProvider time)
{
    /// <summary>The notice <c>/status</c> shows while shipments are delayed.</summary>
    public const string DeliveriesDelayed = "Deliveries are delayed; orders are accepted and will ship as soon as possible.";

    /// <summary>The notice <c>/status</c> shows while the preferred fulfillment centre cannot ship.</summary>
    public const string PrimaryCentreClosed = "Our main fulfillment centre is closed; essentials ship from our backup centre, other orders are accepted and ship late, with an updated delivery estimate.";

    private readonly FulfillmentOptions settings = options.Value;

    /// <summary>The shipping of one order.</summary>
    public async Task<ShippingResponse> DescribeAsync(OrderRecord order, CancellationToken cancellationToken) =>
        Describe(order, order.Status == OrderStatus.Paid ? await shipments.FindAsync(order.OrderId, cancellationToken) : null);

    /// <summary>The shipping of every order, read in one query.</summary>
    public async Task<Func<OrderRecord, ShippingResponse>> DescribeAllAsync(CancellationToken cancellationToken)
    {
        var all = await shipments.ListAllAsync(cancellationToken);
        return order => Describe(order, all.GetValueOrDefault(order.OrderId));
    }

    /// <summary>The fulfillment part of <c>/status</c>: backlog, whether deliveries are delayed, and each host.</summary>
    public async Task<FulfillmentStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var (pending, oldest, troubled) = await shipments.BacklogAsync(cancellationToken);
        var now = time.GetUtcNow();
        var oldestSeconds = oldest is { } at ? (long)Math.Max(0, (now - at).TotalSeconds) : 0;
        var delayed = pending > 0 && (troubled > 0 || !pool.AnyAvailable || (oldest is { } o && now - o > settings.DelayedAfter));
        var hosts = pool.Hosts.Select(h => new FulfillmentHostStatus(h.DependencyName, h.Circuit, h.IsHealthy, h.Tags)).ToList();
        return new FulfillmentStatus(pending, oldestSeconds, delayed, hosts)
        {
            Centres = [.. centres.All.Select(c => new CentreStatus(c.Name, c.IsOpen))],
        };
    }

    private ShippingResponse Describe(OrderRecord order, OutboxShipment? shipment)
    {
        if (order.Status != OrderStatus.Paid)
        {
            return ShippingResponse.NotReady;
        }

        var paidAt = shipment?.CreatedAt ?? order.PaidAt ?? order.CreatedAt;
        var promised = paidAt + settings.PromisedDelivery;
        if (shipment is { Status: ShipmentStatus.Dispatched, DispatchedAt: { } dispatchedAt })
        {
            var late = dispatchedAt - paidAt > settings.DelayedAfter;
            return new ShippingResponse(ShipmentStatus.Dispatched, shipment.Host, shipment.ShipmentId, late ? dispatchedAt + settings.PromisedDelivery : promised, late);
        }

        // Paid but not in the outbox is a paid order from before the outbox existed: it waits like a troubled shipment.
        var now = time.GetUtcNow();
        // A pin alone is no trouble: with PinHostBeforeSend every call in progress is pinned, and an unknown outcome (the
        // pin that is trouble) also counts an attempt.
        var delayed = shipment is null
            || shipment.Attempts > 0
            || now - paidAt > settings.DelayedAfter
            || !centres.IsOpen(order.Centre);
        if (!delayed)
        {
            return new ShippingResponse(ShipmentStatus.Pending, null, null, promised, false);
        }

        var estimate = (now + settings.PromisedDelivery > promised ? now + settings.PromisedDelivery : promised) + settings.DelayAllowance;
        return new ShippingResponse(ShipmentStatus.Pending, null, null, estimate, true);
    }
}
