using Chaos.Storefront.Catalog;
using Chaos.Storefront.Payments;
using Chaos.Storefront.Tax;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Checkout;

/// <summary>Maps <c>POST /checkout</c>.</summary>
internal static class CheckoutEndpoints
{
    private const int MaxEmailLength = 254;

    public static IEndpointRouteBuilder MapCheckoutEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/checkout", Checkout).WithTags("Checkout").WithMetadata(new JsonBodyExample("""{"cartId": "<from POST /carts>", "email": "buyer@example.com"}"""));
        return endpoints;
    }

    private static async Task<Results<Created<CheckoutResponse>, Accepted<CheckoutResponse>, ValidationProblem, ProblemHttpResult>> Checkout(
        CheckoutRequest request, CheckoutService checkout, ProductCatalog catalog, IOptionsMonitor<PaymentsOptions> options, IOptionsMonitor<TaxOptions> taxOptions, HttpResponse response)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.CartId))
        {
            errors["cartId"] = ["cartId is required; create a cart with POST /carts."];
        }

        if (!IsEmail(request.Email))
        {
            errors["email"] = [$"email must be an address such as buyer@example.com, at most {MaxEmailLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        switch (await checkout.CheckoutAsync(request.CartId!, request.Email!.Trim()))
        {
            case CheckoutOutcome.Paid paid:
                return TypedResults.Created($"/orders/{paid.Order.OrderId}", paid.Order);

            case CheckoutOutcome.Pending pending:
                return TypedResults.Accepted($"/orders/{pending.Order.OrderId}", pending.Order);

            case CheckoutOutcome.Rejected rejected:
                return PaymentUnavailable(response, options.CurrentValue, rejected);

            case CheckoutOutcome.CartAlreadyOrdered already:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Cart already ordered",
                    detail: $"Cart '{request.CartId}' was already checked out as order '{already.OrderId}'; GET /orders/{already.OrderId} for its status.",
                    extensions: new Dictionary<string, object?> { ["orderId"] = already.OrderId });

            case CheckoutOutcome.TaxUnavailable:
                // What a customer sees during a bad deploy of the tax service: a friendly answer, never its error.
                var retryAfter = taxOptions.CurrentValue.RetryAfter;
                return RetryAfterHeader.ServiceUnavailable(
                    response,
                    retryAfter,
                    title: "Checkout is temporarily unavailable",
                    detail: $"Checkout is temporarily unavailable. Your cart is saved; please try again in {RetryAfterHeader.Seconds(retryAfter)} seconds.",
                    extensions: new Dictionary<string, object?> { ["cartId"] = request.CartId });

            case CheckoutOutcome.CartChanged:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Cart changed",
                    detail: $"Cart '{request.CartId}' changed while it was being checked out; nothing was ordered or charged. Check out again.");

            case CheckoutOutcome.OutOfStock none:
                // No Retry-After: no restock date is known, so retrying the same cart would only be refused again.
                var product = catalog.Find(none.Sku)?.Name ?? none.Sku;
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Out of stock",
                    detail: $"{product} ({none.Sku}): {none.Requested} requested, {none.Available} left at any fulfillment centre; nothing was ordered or charged. Lower the quantity or remove it from cart '{request.CartId}', then check out again.",
                    extensions: new Dictionary<string, object?> { ["sku"] = none.Sku, ["requested"] = none.Requested, ["available"] = none.Available });

            case CheckoutOutcome.CartEmpty:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cartId"] = [$"Cart '{request.CartId}' is empty; add items with POST /carts/{request.CartId}/items."] });

            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Cart not found", detail: $"No cart has id '{EchoedInput.Cap(request.CartId)}'; create one with POST /carts.");
        }
    }

    /// <summary>
    /// The answer to a checkout (or a point-of-sale sale) stored as rejected: no gateway takes payments and the pending
    /// limit is reached.
    /// </summary>
    internal static ProblemHttpResult PaymentUnavailable(HttpResponse response, PaymentsOptions payments, CheckoutOutcome.Rejected rejected) =>
        RetryAfterHeader.ServiceUnavailable(
            response,
            payments.RetryAfter,
            title: "Payment unavailable",
            detail: "No payment gateway can take payments and too many orders already wait for payment; nothing was charged. Retry later.",
            extensions: new Dictionary<string, object?> { ["orderId"] = rejected.OrderId });

    private static bool IsEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return false;
        }

        var trimmed = email.Trim();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        return trimmed.Length <= MaxEmailLength && at > 0 && at == trimmed.LastIndexOf('@') && at < trimmed.Length - 1 && !trimmed.Any(char.IsWhiteSpace);
    }
}
