using Chaos.Storefront.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chaos.Storefront.Carts;

/// <summary>Maps carts: <c>POST /carts</c>, <c>GET /carts/{cartId}</c>, <c>POST /carts/{cartId}/items</c>.</summary>
internal static class CartEndpoints
{
    public static IEndpointRouteBuilder MapCartEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var carts = endpoints.MapGroup("/carts").WithTags("Carts");
        carts.MapPost("/", CreateCart);
        carts.MapGet("/{cartId}", GetCart);
        carts.MapPost("/{cartId}/items", AddItem).WithMetadata(new JsonBodyExample("""{"sku": "sku-001", "quantity": 2}"""));
        return endpoints;
    }

    private static async Task<Created<CreateCartResponse>> CreateCart(CartStore carts, CancellationToken cancellationToken)
    {
        var cartId = await carts.CreateAsync(cancellationToken);
        return TypedResults.Created($"/carts/{cartId}", new CreateCartResponse(cartId));
    }

    private static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> GetCart(string cartId, CartStore carts, CancellationToken cancellationToken) =>
        await carts.GetAsync(cartId, cancellationToken) is { } cart ? TypedResults.Ok(cart) : CartNotFound(cartId);

    private static async Task<Results<Ok<CartResponse>, ValidationProblem, ProblemHttpResult>> AddItem(
        string cartId, AddCartItemRequest request, CartStore carts, ProductCatalog catalog, CancellationToken cancellationToken)
    {
        var errors = ValidateItem(catalog, request.Sku, request.Quantity, out var product);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await carts.AddItemAsync(cartId, product!.Sku, request.Quantity!.Value, product.Price, cancellationToken) switch
        {
            null => CartNotFound(cartId),
            { OrderId: { } orderId } => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Cart closed",
                detail: $"Cart '{cartId}' was checked out as order '{orderId}' and can no longer change; create a new cart with POST /carts.",
                extensions: new Dictionary<string, object?> { ["orderId"] = orderId }),
            { Cart: { } cart } => TypedResults.Ok(cart),
            { QuantityError: var error } => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["quantity"] = [error!] }),
        };
    }

    /// <summary>
    /// Checks an item a cart (or a POS sale, a one-line cart) is asked to take: a known SKU and a quantity in
    /// [1, <see cref="CartStore.MaxQuantity"/>]. Returns the errors by field, empty when the item is valid.
    /// </summary>
    internal static Dictionary<string, string[]> ValidateItem(ProductCatalog catalog, string? sku, int? quantity, out Product? product)
    {
        var errors = new Dictionary<string, string[]>();
        product = null;
        if (string.IsNullOrWhiteSpace(sku))
        {
            errors["sku"] = ["sku is required, for example \"sku-001\"."];
        }
        else if ((product = catalog.Find(sku)) is null)
        {
            errors["sku"] = [$"No product has SKU '{EchoedInput.Cap(sku)}'; GET /products lists them."];
        }

        if (quantity is not { } value || value < 1 || value > CartStore.MaxQuantity)
        {
            errors["quantity"] = [$"quantity must be between 1 and {CartStore.MaxQuantity}."];
        }

        return errors;
    }

    private static ProblemHttpResult CartNotFound(string cartId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Cart not found", detail: $"No cart has id '{EchoedInput.Cap(cartId)}'; create one with POST /carts.");
}
