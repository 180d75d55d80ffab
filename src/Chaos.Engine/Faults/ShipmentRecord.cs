namespace Chaos.Engine.Faults;

/// <summary>A shipment a fulfillment host created.</summary>
/// <param name="ShipmentId">The host's shipment id.</param>
/// <param name="OrderId">The order shipped.</param>
/// <param name="IdempotencyKey">The <c>Idempotency-Key</c> it was created with, if any.</param>
/// <param name="Host">The name of the host that created it.</param>
/// <param name="At">When it was created.</param>
public sealed record ShipmentRecord(string ShipmentId, string OrderId, string? IdempotencyKey, string Host, DateTimeOffset At)
{
    /// <summary>Gets the amount the shipment's request declared, in cents.</summary>
    public long Amount { get; init; }

    /// <summary>Gets the lines the host was asked to ship, as it received them.</summary>
    public IReadOnlyList<ShipmentLine> Lines { get; init; } = [];
}
