using Chaos.Storefront.Orders;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Payments;

/// <summary>
/// Every <see cref="PaymentsOptions.CaptureInterval"/>, charges pending orders oldest first, and settles orders left
/// <c>created</c> by a crash. A pinned order is looked up on its gateway before anything else; an order left
/// <c>created</c> is looked up on every gateway, since its checkout may have reached either.
/// </summary>
internal sealed partial class PaymentCaptureWorker(
    OrderStore orders,
    PaymentProcessor payments,
    InFlightOrders inFlight,
    IOptionsMonitor<PaymentsOptions> options,
    TimeProvider time,
    ILogger<PaymentCaptureWorker> logger) : BackgroundService
{
    /// <summary>How old a <c>created</c> order not being paid by this process must be before the worker settles it.</summary>
    internal static readonly TimeSpan CrashedAfter = TimeSpan.FromSeconds(5);

    private const int BatchSize = 100;

    // An order being paid when the host stops stays unsettled and is picked up again after the restart.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(options.CurrentValue.CaptureInterval, time, CaptureAsync, LogTickFailed, stoppingToken);

    /// <summary>Settles one batch of unsettled orders.</summary>
    internal async Task CaptureAsync(CancellationToken cancellationToken)
    {
        var due = await orders.ListUnsettledAsync(time.GetUtcNow() - CrashedAfter, BatchSize, cancellationToken);
        var unreachable = new HashSet<string>(StringComparer.Ordinal);
        var unpinnedUnavailable = false;
        var paid = 0;

        foreach (var order in due)
        {
            if (inFlight.Contains(order.OrderId))
            {
                continue;
            }

            var crashed = order.Status == OrderStatus.Created;
            var pinned = crashed ? null : order.PinnedGateway;

            // Once a gateway failed this tick, the orders that depend on it wait for the next tick.
            if ((pinned is not null && unreachable.Contains(pinned)) || (pinned is null && unpinnedUnavailable))
            {
                continue;
            }

            var attempts = new List<PaymentAttempt>();
            inFlight.Add(order.OrderId);
            try
            {
                switch (await payments.PayAsync(order, pinned, crashed, attempts, cancellationToken))
                {
                    case PaymentDecision.Paid p:
                        if (await orders.MarkPaidAsync(order.OrderId, p.Gateway, p.ChargeId, attempts, cancellationToken))
                        {
                            paid++;
                        }

                        break;

                    case PaymentDecision.Unknown unknown:
                        unreachable.Add(unknown.Gateway);
                        await orders.MarkPendingAsync(order.OrderId, unknown.Gateway, attempts, cancellationToken);
                        break;

                    case PaymentDecision.Unavailable:
                        unpinnedUnavailable = true;
                        if (pinned is not null)
                        {
                            unreachable.Add(pinned);
                        }

                        // A pinned order stays pinned even when its gateway refuses: an earlier charge with the
                        // same key may still land there, so no other gateway may charge it.
                        await orders.MarkPendingAsync(order.OrderId, pinned, attempts, cancellationToken);
                        break;

                    case PaymentDecision.Unresolved unresolved:
                        // A crashed order stays created until every gateway answers its lookup.
                        unreachable.Add(unresolved.Gateway);
                        unpinnedUnavailable = true;
                        break;
                }
            }
            finally
            {
                inFlight.Remove(order.OrderId);
            }
        }

        if (paid > 0)
        {
            LogCaptured(paid);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Captured {Count} pending payments.")]
    private partial void LogCaptured(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The payment capture pass failed; it runs again at the next interval.")]
    private partial void LogTickFailed(Exception exception);
}
