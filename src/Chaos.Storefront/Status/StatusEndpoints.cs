using Chaos.Storefront.Auth;
using Chaos.Storefront.Fulfillment;
using Chaos.Storefront.Orders;
using Chaos.Storefront.Payments;
using Chaos.Storefront.Tax;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Status;

/// <summary>Maps <c>GET /status</c>, <c>GET /health/live</c> and <c>GET /health/ready</c>.</summary>
internal static class StatusEndpoints
{
    /// <summary>The tag of health checks that gate readiness.</summary>
    public const string ReadyTag = "ready";

    public const string PaymentsDelayed = "Payments are delayed; orders are accepted and charged shortly.";

    public const string CheckoutPaused = "Payments are unavailable and too many orders await payment; checkout is paused, retry in a few minutes.";

    public const string CheckoutUnavailable = "Checkout is temporarily unavailable; your cart is saved. Browsing works as usual.";

    public const string SignInDegraded = "Sign-in is temporarily unavailable; if you are signed in, stay signed in. Guest checkout works.";

    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/status", GetStatus).WithTags("Status");
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return endpoints;
    }

    private static async Task<Ok<StatusResponse>> GetStatus(
        PaymentCircuits circuits, OrderStore orders, IOptionsMonitor<PaymentsOptions> options, DeliveryEstimator delivery, IdentityCircuit identity, LoginMetrics logins, FulfillmentHostPool pool, TaxCircuit tax, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var dependencies = PaymentGateways.All
            .Where(g => settings.Gateway(g).IsConfigured)
            .Select(g => new DependencyStatus(PaymentGateways.DependencyName(g), circuits[g].State, circuits[g].IsHealthy))
            .ToList();
        var pending = await orders.CountPendingAsync(cancellationToken);
        var fulfillment = await delivery.StatusAsync(cancellationToken);

        var notices = new List<string>();
        if (pending > 0 || dependencies.Any(d => d.Circuit != "closed"))
        {
            notices.Add(PaymentsDelayed);
        }

        if (pending >= settings.PendingLimit && dependencies.All(d => !d.Healthy))
        {
            notices.Add(CheckoutPaused);
        }

        // Fulfillment hosts join the list after the payment checks above, which are about gateways only.
        dependencies.AddRange(fulfillment.Hosts.Select(h => new DependencyStatus(h.Name, h.Circuit, h.Healthy, h.Tags)));
        if (fulfillment.Delayed)
        {
            notices.Add(DeliveryEstimator.DeliveriesDelayed);
        }

        // The continuity plan in effect: the preferred centre cannot ship and another one takes its critical orders.
        if (fulfillment.Centres.Count > 1 && !fulfillment.Centres[0].Open && fulfillment.Centres.Skip(1).Any(c => c.Open))
        {
            notices.Add(DeliveryEstimator.PrimaryCentreClosed);
        }

        // Sign-in joins the list after the payment checks above, which are about gateways only.
        dependencies.Add(new DependencyStatus(IdentityCircuit.DependencyName, identity.State, identity.IsHealthy));
        if (!identity.IsHealthy)
        {
            notices.Add(SignInDegraded);
        }

        // The tax service joins the list last, after the payment checks above, which are about gateways only.
        dependencies.Add(new DependencyStatus(TaxCircuit.DependencyName, tax.State, tax.IsHealthy));
        if (!tax.IsHealthy)
        {
            notices.Add(CheckoutUnavailable);
        }

        return TypedResults.Ok(new StatusResponse(dependencies, new BacklogStatus(pending, fulfillment.PendingShipments, fulfillment.OldestPendingShipmentSeconds), notices) { SignIn = new SignInStatus(logins.RateLimited), Fulfillment = new FulfillmentCounters(pool.Failovers), Centres = fulfillment.Centres });
    }
}
