using Microsoft.AspNetCore.Http.HttpResults;

namespace Chaos.Storefront.Catalog;

/// <summary>Maps the catalog: <c>GET /products</c> and <c>GET /products/{sku}</c>.</summary>
internal static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var products = endpoints.MapGroup("/products").WithTags("Catalog");
        products.MapGet("/", (ProductCatalog catalog) => TypedResults.Ok(catalog.All));
        products.MapGet("/{sku}", GetProduct);
        return endpoints;
    }

    private static Results<Ok<Product>, ProblemHttpResult> GetProduct(string sku, ProductCatalog catalog) =>
        catalog.Find(sku) is { } product
            ? TypedResults.Ok(product)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Product not found", detail: $"No product has SKU '{EchoedInput.Cap(sku)}'.");
}
