namespace Chaos.Engine.Faults;

/// <summary>One line a fulfillment host was asked to ship.</summary>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">How many units.</param>
/// <param name="UnitPrice">The unit price in cents the request declared (0 when it declared none).</param>
public sealed record ShipmentLine(string Sku, int Quantity, long UnitPrice);
