namespace Chaos.Storefront.Inventory;

/// <summary>What reserving an order's units did.</summary>
internal abstract record StockReservation
{
    private StockReservation()
    {
    }

    /// <summary>Every line is reserved at <paramref name="Centre"/>; <paramref name="CentreOpen"/> is false when it cannot ship now.</summary>
    public sealed record Reserved(string Centre, bool CentreOpen) : StockReservation;

    /// <summary>No centre can fill every line; nothing was reserved. <paramref name="Available"/> is the most any one centre has left.</summary>
    public sealed record OutOfStock(string Sku, int Requested, long Available) : StockReservation;
}
