namespace Chaos.Targets.Storefront;

/// <summary>One line of an order as the storefront's admin API lists it.</summary>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">How many units.</param>
/// <param name="UnitPrice">The unit price in cents at checkout.</param>
public sealed record StorefrontOrderLine(string Sku, int Quantity, long UnitPrice);
