namespace Chaos.Storefront.Fulfillment;

/// <summary>The fulfillment part of <c>/status</c>.</summary>
/// <param name="PendingShipments">Shipments in the outbox.</param>
/// <param name="OldestPendingShipmentSeconds">How long the oldest of them has waited, in whole seconds; 0 when none.</param>
/// <param name="Delayed">Whether deliveries are delayed.</param>
/// <param name="Hosts">Each configured host.</param>
internal sealed record FulfillmentStatus(int PendingShipments, long OldestPendingShipmentSeconds, bool Delayed, IReadOnlyList<FulfillmentHostStatus> Hosts)
{
    /// <summary>Gets each fulfillment centre, the preferred one first, and whether it can ship.</summary>
    public IReadOnlyList<CentreStatus> Centres { get; init; } = [];
}

/// <summary>One fulfillment centre in <c>/status</c>.</summary>
/// <param name="Name">For example <c>primary</c>.</param>
/// <param name="Open">Whether at least one of its hosts is healthy, so it can ship.</param>
internal sealed record CentreStatus(string Name, bool Open);

/// <summary>One fulfillment host in <c>/status</c>.</summary>
/// <param name="Name"><c>fulfillment.&lt;name&gt;</c>.</param>
/// <param name="Circuit"><c>closed</c>, <c>open</c> (ejected) or <c>half-open</c>.</param>
/// <param name="Healthy">Whether the host is in the pool and its last call got a definitive answer.</param>
/// <param name="Tags">The host's tags.</param>
internal sealed record FulfillmentHostStatus(string Name, string Circuit, bool Healthy, IReadOnlyDictionary<string, string> Tags);
