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
    /// <summary>Gets the sum of the lines in cents; <see cref="Amount"/> is this plus tax.</summary>
    public long Subtotal { get; init; }

    /// <summary>Gets what was ordered: the lines copied from the cart at checkout.</summary>
    public IReadOnlyList<OrderLineResponse> Lines { get; init; } = [];

    /// <summary>Gets the fulfillment centre that reserved its units and ships it, for example <c>primary</c> or <c>backup</c>.</summary>
    public string? Centre { get; init; }

    public static OrderResponse From(OrderRecord order, ShippingResponse? shipping = null) =>
        new(order.OrderId, order.Status, order.Amount, order.Gateway, order.ChargeId, order.CreatedAt, order.PaidAt, shipping ?? ShippingResponse.NotReady)
        {
            Subtotal = order.Subtotal,
            Centre = order.Centre,
            Lines = [.. order.Lines.Select(line => new OrderLineResponse(line.Sku, line.Quantity, line.UnitPrice))],
        };
}

/// <summary>One line of an order as reported.</summary>
/// <param name="Sku">The product's SKU.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitPrice">The unit price in cents at checkout.</param>
internal sealed record OrderLineResponse(string Sku, int Quantity, long UnitPrice);
