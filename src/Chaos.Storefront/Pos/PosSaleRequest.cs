namespace Chaos.Storefront.Pos;

/// <summary>The body of <c>POST /pos/sales</c>.</summary>
/// <param name="Sku">The product sold, for example <c>sku-001</c>.</param>
/// <param name="Quantity">How many, between 1 and 100.</param>
internal sealed record PosSaleRequest(string? Sku, int? Quantity);
