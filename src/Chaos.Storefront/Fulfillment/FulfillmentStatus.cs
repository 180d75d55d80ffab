namespace Chaos.Storefront.Fulfillment;

/// <summary>The fulfillment part of <c>/status</c>.</summary>
/// <param name="PendingShipments">Shipments in the outbox.</param>
/// <param name="OldestPendingShipmentSeconds">How long the oldest of them has waited, in whole seconds; 0 when none.</param>
/// <param name="Delayed">Whether deliveries are delayed.</param>
/// <param name="Hosts">Each configured host.</param>
internal sealed record FulfillmentStatus(int PendingShipments, long OldestPendingShipmentSeconds, bool Delayed, IReadOnlyList<FulfillmentHostStatus> Hosts);

/// <summary>One fulfillment host in <c>/status</c>.</summary>
/// <param name="Name"><c>fulfillment.&lt;name&gt;</c>.</param>
/// <param name="Circuit"><c>closed</c>, <c>open</c> (ejected) or <c>half-open</c>.</param>
/// <param name="Healthy">Whether the host is in the pool and its last call got a definitive answer.</param>
/// <param name="Tags">The host's tags.</param>
internal sealed record FulfillmentHostStatus(string Name, string Circuit, bool Healthy, IReadOnlyDictionary<string, string> Tags);
