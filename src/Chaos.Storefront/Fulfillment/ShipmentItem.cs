namespace Chaos.Storefront.Fulfillment;

/// <summary>One line of a shipment.</summary>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">How many.</param>
internal sealed record ShipmentItem(string Sku, int Quantity);
