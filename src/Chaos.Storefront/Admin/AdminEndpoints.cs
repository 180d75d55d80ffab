using Chaos.Storefront.Auth;
using Chaos.Storefront.Fulfillment;
using Chaos.Storefront.Orders;
using Chaos.Storefront.Payments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chaos.Storefront.Admin;

/// <summary>
/// Maps the admin endpoints under <c>/admin</c>, all behind a valid identity-provider token with the <c>admin</c> role
/// (401 without one, 403 with another role): <c>GET /admin/orders</c> and the manual
/// circuit controls <c>POST /admin/gateways/{gateway}/isolate</c> and <c>/close</c>.
/// </summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin").WithTags("Admin").RequireAuthorization(AuthPolicies.Admin);
        admin.MapGet("/orders", ListOrders);
        admin.MapPost("/gateways/{gateway}/isolate", (string gateway, PaymentCircuits circuits) => ControlCircuit(gateway, circuits, isolate: true));
        admin.MapPost("/gateways/{gateway}/close", (string gateway, PaymentCircuits circuits) => ControlCircuit(gateway, circuits, isolate: false));
        return endpoints;
    }

    /// <summary>The most orders one page may ask for with <c>?limit=</c>.</summary>
    public const int MaxLimit = 500;

    private static async Task<Results<Ok<IEnumerable<OrderResponse>>, ValidationProblem>> ListOrders(
        OrderStore orders, DeliveryEstimator delivery, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["limit"] = [$"limit must be between 1 and {MaxLimit} (the most recent orders); leave it out for every order."],
            });
        }

        var shipping = await delivery.DescribeAllAsync(cancellationToken);
        var list = limit is { } count ? await orders.ListRecentAsync(count, cancellationToken) : await orders.ListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(order => OrderResponse.From(order, shipping(order))));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ControlCircuit(string gateway, PaymentCircuits circuits, bool isolate)
    {
        if (circuits.Find(gateway) is not { } circuit)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Gateway not found", detail: $"No gateway is named '{EchoedInput.Cap(gateway)}'; use primary or secondary.");
        }

        await (isolate ? circuit.ManualControl.IsolateAsync() : circuit.ManualControl.CloseAsync());
        return TypedResults.NoContent();
    }
}
