namespace Chaos.Storefront.Orders;

/// <summary>An order as stored.</summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="CartId">The cart it was placed from.</param>
/// <param name="Email">The customer's email address.</param>
/// <param name="Amount">The amount in cents.</param>
/// <param name="Currency">The currency, for example <c>usd</c>.</param>
/// <param name="Status">One of <see cref="OrderStatus"/>.</param>
/// <param name="IdempotencyKey">The key every charge of this order carries: <c>order-&lt;orderId&gt;</c>.</param>
/// <param name="Gateway">The gateway that charged it, once paid.</param>
/// <param name="PinnedGateway">
/// The gateway on which a charge had an unknown outcome: the order is charged nowhere else until that gateway answers
/// a lookup.
/// </param>
/// <param name="ChargeId">The gateway's charge id, once paid.</param>
/// <param name="CreatedAt">When it was stored.</param>
/// <param name="PaidAt">When it was marked paid.</param>
internal sealed record OrderRecord(
    string OrderId,
    string CartId,
    string Email,
    long Amount,
    string Currency,
    string Status,
    string IdempotencyKey,
    string? Gateway,
    string? PinnedGateway,
    string? ChargeId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt)
{
    /// <summary>Gets the sum of the lines' quantity times unit price, in cents (the amount less tax).</summary>
    public long Subtotal { get; init; }

    /// <summary>Gets the order's lines, ordered by SKU; empty where a listing does not read them.</summary>
    public IReadOnlyList<OrderLine> Lines { get; init; } = [];

    /// <summary>Gets the fulfillment centre its units are reserved at and that ships it; null for an order stored before centres.</summary>
    public string? Centre { get; init; }

    /// <summary>The idempotency key of an order's charges.</summary>
    public static string KeyFor(string orderId) => "order-" + orderId;
}
