using Chaos.Engine.Faults;
using Chaos.Engine.Judging;
using Chaos.Engine.Load;
using Chaos.Engine.Reports;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;

namespace Chaos.Targets.Storefront;

/// <summary>
/// One run against the reference storefront: its C# journeys with their ledgers (orders, access, cart tampering), its
/// <c>/status</c> observer, the drain of its payment and shipment backlogs, and reconciliation of its orders, charges and
/// stock for the storefront's invariants.
/// </summary>
internal sealed class StorefrontTargetRun : ITargetRun, IAgentLedgers
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(250);

    private readonly StorefrontTarget _target;
    private readonly Scenario _scenario;
    private readonly TimeProvider _time;
    private readonly StorefrontClient _storefront;
    private readonly StorefrontObserver _observer;
    private readonly OrderLedger _ledger = new();
    private readonly AccessLedger _access = new();
    private readonly CartTamperLedger _tamper = new();
    private long _ledgerEpoch;
    private StorefrontJourneys? _journeys;
    private TimeSpan _ledgerShift;
    private IReadOnlyList<StorefrontOrder> _orders = [];
    private IReadOnlyList<StorefrontCentre>? _centres;

    public StorefrontTargetRun(StorefrontTarget target, Scenario scenario, TimeProvider time)
    {
        _target = target;
        _scenario = scenario;
        _time = time;
        _storefront = new StorefrontClient(target.Storefront, target.Admin);
        _observer = new StorefrontObserver(_storefront, time);
    }

    public IJourneyRunner Journeys => _journeys ?? throw new InvalidOperationException("The storefront's journeys exist once PrepareAsync has run.");

    public bool WarmsUp => true;

    public ICircuitObserver Circuits => _observer;

    // The ledger's offsets count from the journeys' creation, before the warm-up; the judge counts from the load's start.
    /// <summary>Gets the storefront's secondary payment gateway: checkout fails over to it.</summary>
    public string? FallbackGateway => StorefrontVocabulary.PaymentsSecondaryDependency;

    public IReadOnlyList<AcceptedOrder> AcceptedOrders => [.. _ledger.Orders.Select(o => o with { At = o.At - _ledgerShift })];

    public IReadOnlyList<StatusSample> StatusSamples => _observer.Samples;

    public async Task PrepareAsync(IReadOnlyList<string> journeys, CancellationToken cancellationToken)
    {
        await _storefront.WaitUntilReadyAsync(ReadyTimeout, _time, cancellationToken).ConfigureAwait(false);
        _ledgerEpoch = _time.GetTimestamp();
        _journeys = new StorefrontJourneys(_target.Storefront, _ledger, _scenario.Load.RequestTimeout, _scenario.Load.MaxInFlight, _scenario.Seed, _time, _access, _tamper);
        await _journeys.PrepareAsync(journeys, cancellationToken).ConfigureAwait(false);
    }

    public void LoadStarting(long start) => _ledgerShift = _time.GetElapsedTime(_ledgerEpoch, start);

    public async Task<DrainReport?> AfterLoadAsync(CancellationToken cancellationToken)
    {
        var drain = await DrainAsync(DrainSettle.For(_scenario), cancellationToken).ConfigureAwait(false);
        _orders = await _storefront.GetOrdersAsync(cancellationToken).ConfigureAwait(false);
        if (_scenario.Invariants.Contains(InvariantKind.NoOversell))
        {
            _centres = await _storefront.GetInventoryAsync(cancellationToken).ConfigureAwait(false);
        }

        return drain;
    }

    public IReadOnlyList<string> Problems() => _observer.Samples.Count == 0
        ? ["The storefront's /status never answered during the run, so circuits and backlogs could not be measured."]
        : [];

    public string? Unmeasured(Expectation expectation) => null;

    public IReadOnlyList<InvariantResult> CheckInvariants(IReadOnlyList<DependencyJournal> journals) =>
        Reconciler.Check(_scenario.Invariants, _ledger.Orders, _orders, journals, _access, new StockLedger(_centres, _target.Hosts), _tamper);

    public IReadOnlyList<PipelineReport> Pipelines() => [];

    public void AddAgentLedgers(System.Text.Json.JsonElement ledgers)
    {
        var agent = System.Text.Json.JsonSerializer.Deserialize<StorefrontLedgers>(ledgers, Chaos.Engine.Running.AgentJson.Options)
            ?? throw new System.Text.Json.JsonException("An agent's storefront ledgers are null; it must send the ledgers it kept.");

        // The agent's times count from the load's start; this run's ledgers from its journeys' creation.
        agent.AddTo(_ledger, _access, _tamper, _ledgerShift);
    }

    public void Dispose()
    {
        _journeys?.Dispose();
        _storefront.Dispose();
    }

    /// <summary>
    /// Waits until the storefront has no pending payment and no pending shipment left, or the timeout, or (with
    /// <c>drain.settle</c>) until the backlogs have stood still for that long and ending can only confirm a failure (see
    /// <see cref="DrainSettle"/>). Payments come first in effect: a captured payment puts its shipment in the outbox, so
    /// both must be empty at once.
    /// </summary>
    private async Task<DrainReport> DrainAsync(DrainSettle settle, CancellationToken cancellationToken)
    {
        var timeout = _scenario.DrainTimeout;
        var start = _time.GetTimestamp();
        var atStart = (await _storefront.GetStatusAsync(cancellationToken).ConfigureAwait(false)).Backlogs;
        var backlogs = atStart;
        var settled = settle.Observe(TimeSpan.Zero, backlogs);
        while ((backlogs.PendingPayments > 0 || backlogs.PendingShipments > 0) && !settled && _time.GetElapsedTime(start) < timeout)
        {
            await Task.Delay(DrainPoll, _time, cancellationToken).ConfigureAwait(false);
            backlogs = (await _storefront.GetStatusAsync(cancellationToken).ConfigureAwait(false)).Backlogs;
            settled = settle.Observe(_time.GetElapsedTime(start), backlogs);
        }

        var completed = backlogs.PendingPayments == 0 && backlogs.PendingShipments == 0;
        return new DrainReport(
            _time.GetElapsedTime(start).TotalSeconds,
            completed,
            atStart.PendingPayments,
            backlogs.PendingPayments)
        {
            PendingShipmentsAtStart = atStart.PendingShipments,
            PendingShipmentsAtEnd = backlogs.PendingShipments,
            Settled = settled && !completed,
        };
    }
}
