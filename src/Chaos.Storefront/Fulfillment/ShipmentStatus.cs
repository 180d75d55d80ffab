namespace Chaos.Storefront.Fulfillment;

/// <summary>The statuses of an order's shipment, as stored and reported.</summary>
internal static class ShipmentStatus
{
    /// <summary>The order is not paid yet, so nothing is in the outbox (reported only).</summary>
    public const string NotReady = "not_ready";

    /// <summary>In the outbox, waiting for a host to take it.</summary>
    public const string Pending = "pending";

    /// <summary>A host took it.</summary>
    public const string Dispatched = "dispatched";
}
