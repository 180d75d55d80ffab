namespace Chaos.Engine.Running;

/// <summary>One status poll.</summary>
public sealed record StatusSample(TimeSpan At, IReadOnlyDictionary<string, string> Circuits, int PendingPayments)
{
    /// <summary>Gets the shipments waiting in the storefront's outbox.</summary>
    public int PendingShipments { get; init; }

    /// <summary>Gets the storefront's cumulative count of shipments moved to another host, or null when it does not report it.</summary>
    public long? FulfillmentFailovers { get; init; }
}
