namespace Chaos.Storefront.Fulfillment;

/// <summary>
/// Options of fulfillment: the pool of hosts paid orders are shipped through, how the outbox is dispatched to them,
/// and the delivery promise that order status reports.
/// </summary>
internal sealed record FulfillmentOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Fulfillment";

    /// <summary>Gets the pool of fulfillment hosts. Empty: shipments wait in the outbox and are reported delayed.</summary>
    /// <value>Defaults to no hosts.</value>
    public List<FulfillmentHostOptions> Hosts { get; init; } = [];

    /// <summary>Gets the interval at which the dispatcher sends due shipments.</summary>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan DispatchInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the most shipments one dispatch pass sends.</summary>
    /// <value>Defaults to 50.</value>
    public int BatchSize { get; init; } = 50;

    /// <summary>Gets the timeout of one call to a host; a call that times out has an unknown outcome.</summary>
    /// <value>Defaults to 2 seconds.</value>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets how long a host that refused, failed or timed out is left out before a trial call.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan EjectionDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the delay before a shipment that no host took is tried again; it doubles with each failed pass.</summary>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the longest delay between two passes over the same shipment.</summary>
    /// <value>Defaults to 1 minute.</value>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets a value indicating whether a shipment is pinned (durably, in SQLite) to the host it is about to be sent to,
    /// before the call, as a payment is pinned to its gateway. After a crash mid-call the next pass then looks the
    /// shipment up on that host before sending it anywhere else. False pins only after an unknown outcome: a crash
    /// mid-call can ship twice.
    /// </summary>
    /// <value>Defaults to true.</value>
    public bool PinHostBeforeSend { get; init; } = true;

    /// <summary>Gets the delivery promised from the moment an order is paid.</summary>
    /// <value>Defaults to 2 days.</value>
    public TimeSpan PromisedDelivery { get; init; } = TimeSpan.FromDays(2);

    /// <summary>Gets how long a shipment may wait in the outbox before it counts as delayed.</summary>
    /// <value>Defaults to 5 minutes.</value>
    public TimeSpan DelayedAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets how far a delayed shipment's estimate moves out beyond the promise counted from now.</summary>
    /// <value>Defaults to 1 day.</value>
    public TimeSpan DelayAllowance { get; init; } = TimeSpan.FromDays(1);
}
