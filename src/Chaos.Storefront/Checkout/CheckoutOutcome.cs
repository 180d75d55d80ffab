namespace Chaos.Storefront.Checkout;

/// <summary>Where a checkout ended.</summary>
internal abstract record CheckoutOutcome
{
    private CheckoutOutcome()
    {
    }

    /// <summary>The order is paid (201).</summary>
    public sealed record Paid(CheckoutResponse Order) : CheckoutOutcome;

    /// <summary>The order is accepted and will be charged later (202).</summary>
    public sealed record Pending(CheckoutResponse Order) : CheckoutOutcome;

    /// <summary>Payment is unavailable and the pending limit is reached; the order is stored as rejected (503).</summary>
    public sealed record Rejected(string OrderId) : CheckoutOutcome;

    /// <summary>No cart has that id (404).</summary>
    public sealed record CartNotFound : CheckoutOutcome;

    /// <summary>The cart has no lines (400).</summary>
    public sealed record CartEmpty : CheckoutOutcome;

    /// <summary>The cart already has a live order (409).</summary>
    public sealed record CartAlreadyOrdered(string OrderId) : CheckoutOutcome;

    /// <summary>The tax service gave no usable quote; no order was stored and nothing was charged, the cart is kept (503).</summary>
    public sealed record TaxUnavailable : CheckoutOutcome;

    /// <summary>The cart changed between its quote and its order; nothing was stored (409).</summary>
    public sealed record CartChanged : CheckoutOutcome;

    /// <summary>No fulfillment centre can fill a line; nothing was stored, reserved or charged, the cart is kept (409).</summary>
    public sealed record OutOfStock(string Sku, int Requested, long Available) : CheckoutOutcome;
}
