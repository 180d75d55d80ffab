using Chaos.Storefront.Carts;
using Chaos.Storefront.Orders;
using Chaos.Storefront.Payments;
using Chaos.Storefront.Tax;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Checkout;

/// <summary>
/// Places an order: prices the cart with the tax service, stores the order (for the quote's total) with its idempotency
/// key before any gateway call, pays it, and answers only once the final status is written.
/// </summary>
internal sealed class CheckoutService(
    CartStore carts,
    TaxQuoteClient tax,
    OrderStore orders,
    PaymentProcessor payments,
    InFlightOrders inFlight,
    IOptionsMonitor<PaymentsOptions> options,
    ILogger<CheckoutService> logger)
{
    private const string Currency = "usd";

    public async Task<CheckoutOutcome> CheckoutAsync(string cartId, string email)
    {
        // Not the request's token: once the order exists, a client that hangs up must not leave it half paid.
        var cancellationToken = CancellationToken.None;

        // Priced before anything is stored: a checkout the tax service cannot price leaves no order, charges nothing
        // and keeps the cart as it is.
        var cart = await carts.GetAsync(cartId, cancellationToken);
        if (cart is null)
        {
            return new CheckoutOutcome.CartNotFound();
        }

        if (cart.Items.Count == 0)
        {
            return new CheckoutOutcome.CartEmpty();
        }

        // A client retrying a checkout that went through learns its order id (409), even while tax cannot price.
        if (await orders.FindLiveOrderOfCartAsync(cartId, cancellationToken) is { } existingOrderId)
        {
            return new CheckoutOutcome.CartAlreadyOrdered(existingOrderId);
        }

        if (await tax.QuoteAsync(cart, Currency, cancellationToken) is not TaxQuoteResult.Quoted { Quote: var quote })
        {
            return new CheckoutOutcome.TaxUnavailable();
        }

        var orderId = "ord_" + Guid.NewGuid().ToString("N");
        inFlight.Add(orderId);
        try
        {
            var created = await orders.CreateAsync(orderId, cartId, email, Currency, cancellationToken, (quote.Subtotal, quote.Total));
            if (created is not CreateOrderResult.Created { Order: var order })
            {
                return created switch
                {
                    CreateOrderResult.CartAlreadyOrdered already => new CheckoutOutcome.CartAlreadyOrdered(already.OrderId),
                    CreateOrderResult.CartEmpty => new CheckoutOutcome.CartEmpty(),
                    CreateOrderResult.CartChanged => new CheckoutOutcome.CartChanged(),
                    CreateOrderResult.OutOfStock none => new CheckoutOutcome.OutOfStock(none.Sku, none.Requested, none.Available),
                    _ => new CheckoutOutcome.CartNotFound(),
                };
            }

            var attempts = new List<PaymentAttempt>();
            var decision = await payments.PayAsync(order, pinnedGateway: null, recoverCrashed: false, attempts, cancellationToken);
            switch (decision)
            {
                case PaymentDecision.Paid paid:
                    await orders.MarkPaidAsync(orderId, paid.Gateway, paid.ChargeId, attempts, cancellationToken);
                    return new CheckoutOutcome.Paid(new CheckoutResponse(orderId, OrderStatus.Paid, order.Amount, paid.Gateway) { Tax = quote.Tax, Centre = order.Centre });

                case PaymentDecision.Unknown unknown:
                    logger.LogWarning("Order {OrderId}: outcome on {Gateway} is unknown ({Reason}); pending, pinned to {Gateway}.", orderId, unknown.Gateway, unknown.Reason, unknown.Gateway);
                    await orders.MarkPendingAsync(orderId, unknown.Gateway, attempts, cancellationToken);
                    return new CheckoutOutcome.Pending(new CheckoutResponse(orderId, OrderStatus.PaymentPending, order.Amount, null) { Tax = quote.Tax, Centre = order.Centre });

                default:
                    var status = await orders.MarkPendingOrRejectedAsync(orderId, options.CurrentValue.PendingLimit, attempts, cancellationToken);
                    logger.LogDebug("Order {OrderId}: no gateway could charge ({Reason}); {Status}.", orderId, (decision as PaymentDecision.Unavailable)?.Reason, status);
                    return status == OrderStatus.Rejected
                        ? new CheckoutOutcome.Rejected(orderId)
                        : new CheckoutOutcome.Pending(new CheckoutResponse(orderId, OrderStatus.PaymentPending, order.Amount, null) { Tax = quote.Tax, Centre = order.Centre });
            }
        }
        finally
        {
            inFlight.Remove(orderId);
        }
    }
}
