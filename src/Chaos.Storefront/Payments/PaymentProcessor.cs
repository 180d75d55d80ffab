using Chaos.Storefront.Orders;
using Chaos.Storefront.Resilience;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Payments;

/// <summary>
/// Pays an order: primary, then secondary on a definitive failure; on an unknown outcome, a lookup by idempotency key
/// on the same gateway before anything else. Never hedges and never charges twice: every charge of an order carries
/// the order's key, and an order whose outcome stays unknown is pinned to that gateway.
/// </summary>
internal sealed class PaymentProcessor(PaymentGatewayClient gateways, IOptionsMonitor<PaymentsOptions> options, TimeProvider time)
{
    /// <summary>Pays <paramref name="order"/>, appending every gateway call to <paramref name="attempts"/>.</summary>
    /// <param name="order">The order.</param>
    /// <param name="pinnedGateway">The gateway the order is pinned to: looked up first, and the only gateway it is charged on.</param>
    /// <param name="recoverCrashed">
    /// True for an order left <c>created</c> by a crash: its checkout may have reached any gateway, so every configured
    /// gateway is looked up before any charge.
    /// </param>
    /// <param name="attempts">Receives every gateway call.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<PaymentDecision> PayAsync(
        OrderRecord order, string? pinnedGateway, bool recoverCrashed, List<PaymentAttempt> attempts, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var key = settings.UseIdempotencyKeys ? order.IdempotencyKey : null;

        if (key is not null)
        {
            IEnumerable<string> lookFirst = recoverCrashed ? Configured(settings) : pinnedGateway is null ? [] : [pinnedGateway];
            foreach (var gateway in lookFirst)
            {
                switch (await LookupAsync(gateway, key, attempts, cancellationToken))
                {
                    case KeyLookupResult.Found found:
                        return new PaymentDecision.Paid(gateway, found.Id);
                    case KeyLookupResult.Failed failed:
                        return recoverCrashed
                            ? new PaymentDecision.Unresolved(gateway, failed.Reason)
                            : new PaymentDecision.Unknown(gateway, failed.Reason);
                }
            }
        }

        var charge = new ChargeRequest(order.OrderId, order.Amount, order.Currency);
        var reasons = new List<string>();
        foreach (var gateway in Candidates(settings, pinnedGateway))
        {
            var result = await gateways.ChargeAsync(gateway, charge, key, cancellationToken);
            switch (result)
            {
                case WriteResult.Done charged:
                    Record(attempts, gateway, "charge", "charged", charged.Id);
                    return new PaymentDecision.Paid(gateway, charged.Id);

                case WriteResult.Failed failed:
                    Record(attempts, gateway, "charge", "failed", failed.Reason);
                    reasons.Add($"{gateway}: {failed.Reason}");
                    continue;

                case WriteResult.Unknown unknown:
                    Record(attempts, gateway, "charge", "unknown", unknown.Reason);
                    if (key is null)
                    {
                        // The naive configuration: nothing to look up, so it fails over as if nothing was charged.
                        reasons.Add($"{gateway}: {unknown.Reason}");
                        continue;
                    }

                    switch (await LookupAsync(gateway, key, attempts, cancellationToken))
                    {
                        case KeyLookupResult.Found found:
                            return new PaymentDecision.Paid(gateway, found.Id);
                        case KeyLookupResult.Failed failed:
                            return new PaymentDecision.Unknown(gateway, $"{unknown.Reason}; lookup: {failed.Reason}");
                        default:
                            // "Not found" is not "not charged": the charge may still be queued at the gateway and
                            // land after the lookup. Failing over now could charge twice; the order stays with this
                            // gateway, whose idempotency key makes a later charge there safe.
                            return new PaymentDecision.Unknown(gateway, $"{unknown.Reason}; lookup: not found yet, the charge may still be in flight");
                    }
            }
        }

        return new PaymentDecision.Unavailable(string.Join("; ", reasons));
    }

    /// <summary>The gateways with a base URL, primary first.</summary>
    private static IEnumerable<string> Configured(PaymentsOptions settings) =>
        !settings.Secondary.IsConfigured ? [PaymentGateways.Primary] : [PaymentGateways.Primary, PaymentGateways.Secondary];

    /// <summary>
    /// The gateways to charge, in order: only the pinned one for a pinned order (its outcome there was unknown, so
    /// only the same key on the same gateway is safe); otherwise primary, then secondary if failover is on.
    /// </summary>
    private static List<string> Candidates(PaymentsOptions settings, string? pinnedGateway)
    {
        var candidates = new List<string>(2);
        if (pinnedGateway is not null)
        {
            candidates.Add(pinnedGateway);
            return candidates;
        }

        if (!candidates.Contains(PaymentGateways.Primary))
        {
            candidates.Add(PaymentGateways.Primary);
        }

        if (settings.FailoverEnabled && settings.Secondary.IsConfigured && !candidates.Contains(PaymentGateways.Secondary))
        {
            candidates.Add(PaymentGateways.Secondary);
        }

        return candidates;
    }

    private async Task<KeyLookupResult> LookupAsync(string gateway, string key, List<PaymentAttempt> attempts, CancellationToken cancellationToken)
    {
        var result = await gateways.LookupAsync(gateway, key, cancellationToken);
        switch (result)
        {
            case KeyLookupResult.Found found:
                Record(attempts, gateway, "lookup", "found", found.Id);
                break;
            case KeyLookupResult.NotFound:
                Record(attempts, gateway, "lookup", "not_found", null);
                break;
            case KeyLookupResult.Failed failed:
                Record(attempts, gateway, "lookup", "failed", failed.Reason);
                break;
        }

        return result;
    }

    private void Record(List<PaymentAttempt> attempts, string gateway, string operation, string outcome, string? detail) =>
        attempts.Add(new PaymentAttempt(gateway, operation, outcome, detail, time.GetUtcNow()));
}
