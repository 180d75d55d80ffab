namespace Chaos.Targets.Storefront;

/// <summary>One SKU at one centre.</summary>
/// <param name="Sku">The product's SKU.</param>
/// <param name="Stock">The units the centre was stocked with.</param>
/// <param name="Reserved">Units of live orders at the centre whose shipment is not dispatched yet.</param>
/// <param name="Shipped">Units of the centre's orders the storefront saw a host take.</param>
public sealed record StorefrontStock(string Sku, long Stock, long Reserved, long Shipped);
