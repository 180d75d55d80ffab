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
        }
    }

    /// <summary>Takes a consistent snapshot of the journal for a dependency.</summary>
    public DependencyJournal Snapshot(string dependency)
    {
        lock (_gate)
        {
            return new DependencyJournal(dependency, _calls.ToArray(), _charges.ToArray());
        }
    }
}
