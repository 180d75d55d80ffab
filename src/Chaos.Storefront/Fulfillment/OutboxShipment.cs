namespace Chaos.Storefront.Fulfillment;

/// <summary>A shipment in the outbox, as stored.</summary>
/// <param name="ShipmentKey">The key every call for it carries: <c>ship-&lt;orderId&gt;</c>.</param>
/// <param name="OrderId">The order shipped.</param>
/// <param name="Amount">The order's amount in cents.</param>
/// <param name="Status">One of <see cref="ShipmentStatus"/>.</param>
/// <param name="Attempts">Dispatch passes that ended without a host taking it.</param>
/// <param name="NextAttemptAt">When it is due again.</param>
/// <param name="PinnedHost">
/// The host on which a call had an unknown outcome, or (with <see cref="FulfillmentOptions.PinHostBeforeSend"/>) to which
/// a call is being sent: the shipment goes nowhere else until that host answers a lookup.
/// </param>
/// <param name="Host">The host that took it, once dispatched.</param>
/// <param name="ShipmentId">The host's shipment id, once dispatched.</param>
/// <param name="LastError">Why the last pass failed, if it did.</param>
/// <param name="CreatedAt">When it was enqueued (the moment the order was paid).</param>
/// <param name="DispatchedAt">When a host took it.</param>
internal sealed record OutboxShipment(
    string ShipmentKey,
    string OrderId,
    long Amount,
    string Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? PinnedHost,
    string? Host,
    string? ShipmentId,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DispatchedAt)
{
    /// <summary>Gets the fulfillment centre the order's units are reserved at; null for an order stored before centres (the first).</summary>
    public string? Centre { get; init; }

    /// <summary>The idempotency key of an order's shipment.</summary>
    public static string KeyFor(string orderId) => "ship-" + orderId;
}
