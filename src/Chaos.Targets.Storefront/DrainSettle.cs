using Chaos.Engine.Scenarios;

namespace Chaos.Targets.Storefront;

/// <summary>
/// Decides when a drain may end before its timeout: when the backlogs (pending payments, pending shipments) have not
/// changed for the scenario's <c>drain.settle</c>, and every backlog still pending is one the scenario judges, so that
/// ending now can only confirm a failure the full timeout would reach too, never make a pass or hide one.
/// </summary>
/// <remarks>
/// The drain starts after the faults are cleared, so nothing outside the system under test holds the backlog any more: a
/// backlog that stood still for longer than the system's longest wait between two attempts of one item (a capture
/// interval, a breaker's break, a host's ejection, a retry backoff) is not waiting, it is stuck. The settle period is the
/// scenario author's statement of that bound; without one, the drain waits out its timeout as before.
/// </remarks>
internal sealed class DrainSettle
{
    private readonly TimeSpan? _settle;
    private readonly bool _paymentsJudged;
    private readonly bool _shipmentsJudged;
    private StorefrontBacklogs? _last;
    private TimeSpan _since;

    /// <summary>Initializes a new instance of the <see cref="DrainSettle"/> class.</summary>
    /// <param name="settle">How long the backlogs must stand still; <see langword="null"/> never ends a drain early.</param>
    /// <param name="paymentsJudged">Whether a payment still pending after the drain fails the run.</param>
    /// <param name="shipmentsJudged">Whether a shipment still pending after the drain fails the run.</param>
    public DrainSettle(TimeSpan? settle, bool paymentsJudged, bool shipmentsJudged)
    {
        _settle = settle;
        _paymentsJudged = paymentsJudged;
        _shipmentsJudged = shipmentsJudged;
    }

    /// <summary>
    /// The settle rule of a scenario: its <c>drain.settle</c>, and which backlogs its invariants judge after the drain.
    /// <c>drainTime</c> does not count: it passes once the backlog has reached zero after its fault, even if new items
    /// are pending when the drain starts.
    /// </summary>
    public static DrainSettle For(Scenario scenario) => new(
        scenario.DrainSettle,
        paymentsJudged: scenario.Invariants.Contains(InvariantKind.PendingPaymentsCaptured),
        shipmentsJudged: scenario.Invariants.Contains(InvariantKind.EveryPaidOrderShipped));

    /// <summary>
    /// Records the backlogs seen at <paramref name="elapsed"/> into the drain and returns whether the drain may end now
    /// with them still pending.
    /// </summary>
    public bool Observe(TimeSpan elapsed, StorefrontBacklogs backlogs)
    {
        if (_last is null || _last != backlogs)
        {
            _last = backlogs;
            _since = elapsed;
            return false;
        }

        var judged = (backlogs.PendingPayments == 0 || _paymentsJudged) && (backlogs.PendingShipments == 0 || _shipmentsJudged);
        return _settle is { } settle && judged && elapsed - _since >= settle;
    }
}
