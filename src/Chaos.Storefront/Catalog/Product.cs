namespace Chaos.Storefront.Catalog;

/// <summary>A product of the catalog.</summary>
/// <param name="Sku">The stock-keeping unit, for example <c>sku-001</c>.</param>
/// <param name="Name">The display name.</param>
/// <param name="Price">The price in cents.</param>
internal sealed record Product(string Sku, string Name, long Price);
