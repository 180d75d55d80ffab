namespace Chaos.Storefront.Orders;

/// <summary>What storing a new order did.</summary>
internal abstract record CreateOrderResult
{
    private CreateOrderResult()
    {
    }

    /// <summary>The order is stored as <c>created</c>.</summary>
    public sealed record Created(OrderRecord Order) : CreateOrderResult;

    /// <summary>No cart has that id.</summary>
    public sealed record CartNotFound : CreateOrderResult;

    /// <summary>The cart has no lines.</summary>
    public sealed record CartEmpty : CreateOrderResult;

    /// <summary>The cart already has an order that was not rejected.</summary>
    public sealed record CartAlreadyOrdered(string OrderId) : CreateOrderResult;

    /// <summary>The cart's subtotal is no longer the one that was priced (a line was added meanwhile); nothing was stored.</summary>
    public sealed record CartChanged : CreateOrderResult;

    /// <summary>No fulfillment centre can fill every line; nothing was stored or reserved.</summary>
    public sealed record OutOfStock(string Sku, int Requested, long Available) : CreateOrderResult;
}
