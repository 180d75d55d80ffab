namespace Chaos.Storefront.Checkout;

/// <summary>The body of <c>POST /checkout</c>.</summary>
/// <param name="CartId">The cart to order.</param>
/// <param name="Email">The customer's email address.</param>
internal sealed record CheckoutRequest(string? CartId, string? Email);

/// <summary>The answer to <c>POST /checkout</c> (201 or 202).</summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="Status"><c>paid</c> or <c>payment_pending</c>.</param>
/// <param name="Amount">The amount in cents.</param>
/// <param name="Gateway"><c>primary</c> or <c>secondary</c> when paid; null when pending.</param>
internal sealed record CheckoutResponse(string OrderId, string Status, long Amount, string? Gateway)
{
    /// <summary>Gets the tax included in <see cref="Amount"/>, in cents, as the tax service quoted it.</summary>
    public long Tax { get; init; }

    /// <summary>Gets the fulfillment centre that reserved the order's units and ships it.</summary>
    public string? Centre { get; init; }
}
