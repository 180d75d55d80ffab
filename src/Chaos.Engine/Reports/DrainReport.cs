namespace Chaos.Engine.Reports;

/// <summary>The drain after the load.</summary>
/// <param name="Seconds">How long it took.</param>
/// <param name="Completed">Whether the backlogs were empty before the timeout.</param>
/// <param name="PendingAtStart">Pending payments when the load ended.</param>
/// <param name="PendingAtEnd">Pending payments when the drain ended.</param>
public sealed record DrainReport(double Seconds, bool Completed, int PendingAtStart, int PendingAtEnd)
{
    /// <summary>Gets the shipments waiting in the storefront's outbox when the load ended.</summary>
    public int PendingShipmentsAtStart { get; init; }

    /// <summary>Gets the shipments waiting in the storefront's outbox when the drain ended.</summary>
    public int PendingShipmentsAtEnd { get; init; }

    /// <summary>
    /// Gets a value indicating whether the drain ended before its timeout because the backlogs stood still for the
    /// scenario's <c>drain.settle</c> (and what was left pending already fails the run).
    /// </summary>
    public bool Settled { get; init; }
}
