namespace Chaos.Storefront.Fulfillment;

/// <summary>One line of a shipment: a line of its order.</summary>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitPrice">The unit price in cents the order was charged for.</param>
internal sealed record ShipmentItem(string Sku, int Quantity, long UnitPrice);
