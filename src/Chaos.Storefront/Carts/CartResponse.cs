namespace Chaos.Storefront.Carts;

/// <summary>A cart with its lines and total.</summary>
/// <param name="CartId">The cart's id.</param>
/// <param name="Items">The lines, ordered by SKU.</param>
/// <param name="Total">The sum of quantity times price over the lines, in cents.</param>
internal sealed record CartResponse(string CartId, IReadOnlyList<CartItemResponse> Items, long Total);

/// <summary>One line of a cart.</summary>
/// <param name="Sku">The product's SKU.</param>
/// <param name="Quantity">How many.</param>
/// <param name="Price">The unit price in cents, as it was when the line was added.</param>
internal sealed record CartItemResponse(string Sku, int Quantity, long Price);

/// <summary>The answer to <c>POST /carts</c>.</summary>
/// <param name="CartId">The new cart's id.</param>
internal sealed record CreateCartResponse(string CartId);

/// <summary>The body of <c>POST /carts/{cartId}/items</c>.</summary>
/// <param name="Sku">The product's SKU.</param>
/// <param name="Quantity">How many to add, 1 to 100.</param>
internal sealed record AddCartItemRequest(string? Sku, int? Quantity);
