namespace Chaos.Storefront.Inventory;

/// <summary>One SKU at one centre, as <c>GET /admin/inventory</c> reports it.</summary>
/// <param name="Sku">The product's SKU.</param>
/// <param name="Stock">The units the centre was stocked with.</param>
/// <param name="Reserved">Units of live (not rejected) orders at this centre whose shipment is not dispatched yet.</param>
/// <param name="Shipped">Units of orders at this centre whose shipment a host took.</param>
internal sealed record StockLevel(string Sku, long Stock, long Reserved, long Shipped)
{
    /// <summary>Gets the units still free to promise; negative only for a centre that takes backorders.</summary>
    public long Available => Stock - Reserved - Shipped;
}
