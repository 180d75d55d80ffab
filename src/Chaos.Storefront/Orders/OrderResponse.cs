using Chaos.Storefront.Fulfillment;

namespace Chaos.Storefront.Orders;

/// <summary>An order as <c>GET /orders/{orderId}</c> and <c>GET /admin/orders</c> report it.</summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="Status"><c>created</c>, <c>paid</c>, <c>payment_pending</c> or <c>rejected</c>.</param>
/// <param name="Amount">The amount in cents.</param>
/// <param name="Gateway"><c>primary</c> or <c>secondary</c> once paid; otherwise null.</param>
/// <param name="ChargeId">The gateway's charge id once paid; otherwise null.</param>
/// <param name="CreatedAt">When it was stored.</param>
/// <param name="PaidAt">When it was marked paid; otherwise null.</param>
/// <param name="Shipping">Its shipment and delivery estimate; <c>not_ready</c> until paid.</param>
internal sealed record OrderResponse(
    string OrderId,
    string Status,
    long Amount,
    string? Gateway,
    string? ChargeId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt,
    ShippingResponse? Shipping = null)
{
    public static OrderResponse From(OrderRecord order, ShippingResponse? shipping = null) =>
        new(order.OrderId, order.Status, order.Amount, order.Gateway, order.ChargeId, order.CreatedAt, order.PaidAt, shipping ?? ShippingResponse.NotReady);
}
