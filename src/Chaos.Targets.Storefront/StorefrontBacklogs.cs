namespace Chaos.Targets.Storefront;

/// <summary>The storefront's backlogs.</summary>
/// <param name="PendingPayments">Orders accepted as payment pending, not yet captured.</param>
/// <param name="PendingShipments">Shipments in the outbox, not yet taken by a fulfillment host (0 from a storefront that does not report it).</param>
public sealed record StorefrontBacklogs(int PendingPayments, int PendingShipments = 0);
