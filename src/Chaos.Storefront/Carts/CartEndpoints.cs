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
        var errors = new Dictionary<string, string[]>();
        Product? product = null;
        if (string.IsNullOrWhiteSpace(request.Sku))
        {
            errors["sku"] = ["sku is required, for example \"sku-001\"."];
        }
        else if ((product = catalog.Find(request.Sku)) is null)
        {
            errors["sku"] = [$"No product has SKU '{EchoedInput.Cap(request.Sku)}'; GET /products lists them."];
        }

        if (request.Quantity is not { } quantity || quantity < 1 || quantity > CartStore.MaxQuantity)
        {
            errors["quantity"] = [$"quantity must be between 1 and {CartStore.MaxQuantity}."];
        }

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

    private static ProblemHttpResult CartNotFound(string cartId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Cart not found", detail: $"No cart has id '{EchoedInput.Cap(cartId)}'; create one with POST /carts.");
}
