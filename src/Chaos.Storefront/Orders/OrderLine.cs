namespace Chaos.Storefront.Orders;

/// <summary>
/// One line of an order, copied from its cart in the transaction that stores the order: what was priced, charged and
/// is shipped, whatever happens to the cart later.
/// </summary>
/// <param name="Sku">The product's SKU.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitPrice">The unit price in cents, as it was in the cart at checkout.</param>
internal sealed record OrderLine(string Sku, int Quantity, long UnitPrice);
