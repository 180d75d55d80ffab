namespace Chaos.Engine.Faults;

/// <summary>What a dependency saw during a run.</summary>
/// <param name="Dependency">The dependency's name.</param>
/// <param name="Calls">Every call it answered, in order.</param>
/// <param name="Charges">Every charge it created (payment gateways only).</param>
public sealed record DependencyJournal(string Dependency, IReadOnlyList<DependencyCall> Calls, IReadOnlyList<ChargeRecord> Charges)
{
    /// <summary>Gets every shipment it created (fulfillment hosts only); empty for other dependencies.</summary>
    public IReadOnlyList<ShipmentRecord> Shipments { get; init; } = [];
}
