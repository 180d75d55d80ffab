namespace Chaos.Targets.Storefront;

/// <summary>The fulfillment counters of the storefront's <c>GET /status</c>.</summary>
/// <param name="Failovers">Shipments moved to another host after one failed them, since start-up.</param>
public sealed record StorefrontFulfillment(long Failovers);
