using Chaos.Storefront.Fulfillment;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chaos.Storefront.Orders;

/// <summary>Maps <c>GET /orders/{orderId}</c>.</summary>
internal static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/orders/{orderId}", GetOrder).WithTags("Orders");
        return endpoints;
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> GetOrder(string orderId, OrderStore orders, DeliveryEstimator delivery, CancellationToken cancellationToken) =>
        await orders.GetAsync(orderId, cancellationToken) is { } order
            ? TypedResults.Ok(OrderResponse.From(order, await delivery.DescribeAsync(order, cancellationToken)))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Order not found", detail: $"No order has id '{EchoedInput.Cap(orderId)}'.");
}
