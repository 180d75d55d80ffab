using System.Security.Claims;
using Chaos.Storefront.Auth;
using Chaos.Storefront.Carts;
using Chaos.Storefront.Catalog;
using Chaos.Storefront.Checkout;
using Chaos.Storefront.Payments;
using Chaos.Storefront.Tax;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Pos;

/// <summary>
/// Maps the point-of-sale endpoints under <c>/pos</c>, all behind the <c>pos</c> role: <c>POST /pos/sales</c> records an
/// in-store sale as an order, paid through the gateways like a checkout.
/// </summary>
internal static class PosEndpoints
{
    public static IEndpointRouteBuilder MapPosEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var pos = endpoints.MapGroup("/pos").WithTags("POS").RequireAuthorization(AuthPolicies.Pos);
        pos.MapPost("/sales", RecordSale).WithMetadata(new JsonBodyExample("""{"sku": "sku-001", "quantity": 1}"""));
        return endpoints;
    }

    private static async Task<Results<Created<CheckoutResponse>, Accepted<CheckoutResponse>, ValidationProblem, ProblemHttpResult>> RecordSale(
        PosSaleRequest request,
        ClaimsPrincipal user,
        ProductCatalog catalog,
        CartStore carts,
        CheckoutService checkout,
        IOptionsMonitor<PaymentsOptions> options,
        IOptionsMonitor<TaxOptions> taxOptions,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var errors = CartEndpoints.ValidateItem(catalog, request.Sku, request.Quantity, out var product);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // A sale is a one-line cart checked out at once: the same durable order, idempotency key and payment path.
        var cartId = await carts.CreateAsync(cancellationToken);
        var added = await carts.AddItemAsync(cartId, product!.Sku, request.Quantity!.Value, product.Price, cancellationToken);
        if (added is not { Cart: not null })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["quantity"] = [added?.QuantityError ?? "The sale could not be recorded."] });
        }

        var terminal = user.FindFirstValue("sub") ?? "pos@example.test";
        switch (await checkout.CheckoutAsync(cartId, terminal))
        {
            case CheckoutOutcome.Paid paid:
                return TypedResults.Created($"/orders/{paid.Order.OrderId}", paid.Order);

            case CheckoutOutcome.Pending pending:
                return TypedResults.Accepted($"/orders/{pending.Order.OrderId}", pending.Order);

            case CheckoutOutcome.Rejected rejected:
                return CheckoutEndpoints.PaymentUnavailable(response, options.CurrentValue, rejected);

            case CheckoutOutcome.TaxUnavailable:
                return RetryAfterHeader.ServiceUnavailable(
                    response,
                    taxOptions.CurrentValue.RetryAfter,
                    title: "Tax unavailable",
                    detail: "The tax service cannot price the sale; nothing was recorded or charged. Retry after the delay in Retry-After.");

            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Sale not recorded", detail: "The sale's cart could not be ordered; retry.");
        }
    }
}
