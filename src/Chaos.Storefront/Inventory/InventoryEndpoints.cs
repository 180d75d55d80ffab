using Chaos.Storefront.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chaos.Storefront.Inventory;

/// <summary>Maps <c>GET /admin/inventory</c>, behind the <c>admin</c> role like the rest of <c>/admin</c>.</summary>
internal static class InventoryEndpoints
{
    public static IEndpointRouteBuilder MapInventoryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/admin").WithTags("Admin").RequireAuthorization(AuthPolicies.Admin).MapGet("/inventory", ListInventory);
        return endpoints;
    }

    private static async Task<Ok<IEnumerable<CentreInventoryResponse>>> ListInventory(StockStore stock, FulfillmentCentres centres, CancellationToken cancellationToken)
    {
        var levels = await stock.ListAsync(centres.Primary.Name, cancellationToken);
        return TypedResults.Ok(centres.All.Select(c => new CentreInventoryResponse(
            c.Name,
            c.IsOpen,
            c.AllowBackorders,
            [.. c.Hosts.Select(h => h.Name)],
            levels.GetValueOrDefault(c.Name) ?? [])));
    }
}
