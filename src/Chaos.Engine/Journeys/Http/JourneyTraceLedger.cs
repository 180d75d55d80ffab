namespace Chaos.Engine.Journeys.Http;

/// <summary>
/// The journeys a run sent, each with its trace id, so that a judge can count the calls each journey caused at a
/// dependency (whose simulator journals the trace id of every call): amplification, retries, at most once. Thread-safe:
/// journeys record concurrently.
/// </summary>
public sealed class JourneyTraceLedger
{
    private readonly Lock _gate = new();
    private readonly List<JourneyTrace> _traces = [];
    private readonly Dictionary<string, int> _byTraceId = new(StringComparer.Ordinal);

    /// <summary>Gets how many journeys were recorded.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _traces.Count;
            }
        }
    }

    /// <summary>Records a journey once it has ended.</summary>
    /// <param name="trace">The journey.</param>
    public void Record(JourneyTrace trace)
    {
        lock (_gate)
        {
            _byTraceId[trace.TraceId] = _traces.Count;
            _traces.Add(trace);
        }
    }

    /// <summary>Finds the journey that sent a trace id.</summary>
    /// <param name="traceId">The trace id, as journaled by a simulator.</param>
    /// <param name="trace">The journey, when found.</param>
    /// <returns>Whether a journey of this run sent it.</returns>
    public bool TryFind(string traceId, out JourneyTrace trace)
    {
        lock (_gate)
        {
            if (_byTraceId.TryGetValue(traceId, out var index))
            {
                trace = _traces[index];
                return true;
            }
        }

        trace = default;
        return false;
    }

    /// <summary>Gets a copy of every journey recorded so far, in the order they ended.</summary>
    public IReadOnlyList<JourneyTrace> Snapshot()
    {
        lock (_gate)
        {
            return [.. _traces];
        }
    }
}
