using Chaos.Engine.Faults;

namespace Chaos.Simulators.Hosting;

/// <summary>
/// A compact, thread-safe journal of what a simulator answered. WireMock's own request log is bounded to
/// nothing; this keeps only what reconciliation and amplification need.
/// </summary>
public sealed class SimulatorJournal
{
    private readonly Lock _gate = new();
    private readonly List<DependencyCall> _calls = [];
    private readonly List<ChargeRecord> _charges = [];
    private readonly List<ShipmentRecord> _shipments = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _chargeWaiters = [];

    /// <summary>Gets a copy of every call answered so far.</summary>
    public IReadOnlyList<DependencyCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToArray();
            }
        }
    }

    /// <summary>Gets a copy of every charge created so far.</summary>
    public IReadOnlyList<ChargeRecord> Charges
    {
        get
        {
            lock (_gate)
            {
                return _charges.ToArray();
            }
        }
    }

    /// <summary>Gets a copy of every shipment created so far (fulfillment hosts only).</summary>
    public IReadOnlyList<ShipmentRecord> Shipments
    {
        get
        {
            lock (_gate)
            {
                return _shipments.ToArray();
            }
        }
    }

    internal void RecordCall(DependencyCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }
    }

    internal void RecordCharge(ChargeRecord charge)
    {
        lock (_gate)
        {
            _charges.Add(charge);
            _chargeWaiters.RemoveAll(waiter => waiter.Count <= _charges.Count && waiter.Done.TrySetResult());
        }
    }

    /// <summary>
    /// Completes once at least <paramref name="count"/> charges exist: a test waits for the charge itself instead of
    /// polling the journal or sleeping.
    /// </summary>
    public Task WhenChargedAsync(int count, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_charges.Count >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _chargeWaiters.Add((count, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    internal void RecordShipment(ShipmentRecord shipment)
    {
        lock (_gate)
        {
            _shipments.Add(shipment);
        }
    }

    /// <summary>Takes a consistent snapshot of the journal for a dependency.</summary>
    public DependencyJournal Snapshot(string dependency)
    {
        lock (_gate)
        {
            return new DependencyJournal(dependency, _calls.ToArray(), _charges.ToArray()) { Shipments = _shipments.ToArray() };
        }
    }
}
