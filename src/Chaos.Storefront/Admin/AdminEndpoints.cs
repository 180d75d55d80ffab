using System.Security.Cryptography;
using System.Text;
using Chaos.Storefront.Orders;
using Chaos.Storefront.Payments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Admin;

/// <summary>
/// Maps the admin endpoints under <c>/admin</c>, all behind <c>X-Admin-Key</c>: <c>GET /admin/orders</c> and the manual
/// circuit controls <c>POST /admin/gateways/{gateway}/isolate</c> and <c>/close</c>.
/// </summary>
internal static class AdminEndpoints
{
    /// <summary>The header that carries the admin key.</summary>
    public const string KeyHeader = "X-Admin-Key";

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin").WithTags("Admin").AddEndpointFilter(RequireAdminKey);
        admin.MapGet("/orders", ListOrders);
        admin.MapPost("/gateways/{gateway}/isolate", (string gateway, PaymentCircuits circuits) => ControlCircuit(gateway, circuits, isolate: true));
        admin.MapPost("/gateways/{gateway}/close", (string gateway, PaymentCircuits circuits) => ControlCircuit(gateway, circuits, isolate: false));
        return endpoints;
    }

    private static async Task<Ok<IEnumerable<OrderResponse>>> ListOrders(OrderStore orders, CancellationToken cancellationToken) =>
        TypedResults.Ok((await orders.ListAsync(cancellationToken)).Select(OrderResponse.From));

    private static async Task<Results<NoContent, ProblemHttpResult>> ControlCircuit(string gateway, PaymentCircuits circuits, bool isolate)
    {
        if (circuits.Find(gateway) is not { } circuit)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Gateway not found", detail: $"No gateway is named '{gateway}'; use primary or secondary.");
        }

        await (isolate ? circuit.ManualControl.IsolateAsync() : circuit.ManualControl.CloseAsync());
        return TypedResults.NoContent();
    }

    private static async ValueTask<object?> RequireAdminKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var expected = http.RequestServices.GetRequiredService<IOptionsMonitor<AdminOptions>>().CurrentValue.ApiKey;
        var given = http.Request.Headers[KeyHeader].ToString();

        // Fail closed: no key configured means nobody is admin. The comparison takes the same time wherever it differs.
        if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: $"Send the admin key in the {KeyHeader} header.");
        }

        return await next(context);
    }
}
