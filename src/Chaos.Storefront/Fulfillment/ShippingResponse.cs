namespace Chaos.Storefront.Fulfillment;

/// <summary>The <c>shipping</c> of an order in <c>GET /orders/{orderId}</c> and <c>GET /admin/orders</c>.</summary>
/// <param name="Status"><c>not_ready</c> (not paid yet), <c>pending</c> (in the outbox) or <c>dispatched</c>.</param>
/// <param name="Host">The host that took the shipment, once dispatched; otherwise null.</param>
/// <param name="ShipmentId">The host's shipment id, once dispatched; otherwise null.</param>
/// <param name="EstimatedDelivery">When the order should arrive; null until it is paid.</param>
/// <param name="Delayed">Whether the estimate has moved out beyond the promise made at payment.</param>
internal sealed record ShippingResponse(string Status, string? Host, string? ShipmentId, DateTimeOffset? EstimatedDelivery, bool Delayed)
{
    /// <summary>The shipping of an order that is not paid yet.</summary>
    public static ShippingResponse NotReady { get; } = new(ShipmentStatus.NotReady, null, null, null, false);
}
