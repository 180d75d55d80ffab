using Chaos.Engine.Running;

namespace Chaos.Engine.Telemetry;

/// <summary>
/// What a run's <see cref="ResilienceEvent"/>s say about its pipelines: circuit transitions (the judge's input for
/// <c>timeToCircuitOpen</c> and <c>timeToRecover</c>) and retries counted by pipeline. Pure functions over the events.
/// </summary>
public static class ResilienceTimeline
{
    /// <summary>
    /// Whether <paramref name="pipeline"/> (a <c>pipeline.name</c> tag) is the pipeline a scenario calls
    /// <paramref name="name"/>: the same name, or <c>&lt;name&gt;-standard</c> (a named client's standard handler).
    /// </summary>
    /// <param name="pipeline">The tag as the service reported it.</param>
    /// <param name="name">The pipeline's or the HttpClient's name.</param>
    /// <returns><see langword="true"/> when they match, ordinally.</returns>
    public static bool IsPipeline(string pipeline, string name) =>
        string.Equals(pipeline, name, StringComparison.Ordinal) ||
        string.Equals(pipeline, name + ResilienceEventNames.StandardPipelineSuffix, StringComparison.Ordinal);

    /// <summary>
    /// The circuit transitions in <paramref name="events"/>: one per change of a pipeline's circuit state, with the
    /// pipeline's name as <see cref="CircuitTransition.Dependency"/> and the time as an offset from
    /// <paramref name="runStart"/>, ordered by time (events at the same time keep their order of arrival).
    /// </summary>
    /// <param name="events">The events of a run, from any <see cref="IResilienceTelemetrySource"/>.</param>
    /// <param name="runStart">The instant offsets count from (the judge's load start).</param>
    /// <param name="closedAtStart">
    /// Pipelines known to exist whose breaker starts closed: each gets a <see cref="CircuitStates.Closed"/> transition at offset zero,
    /// so that a circuit that never opened reads as closed rather than "never reported".
    /// </param>
    /// <returns>The transitions.</returns>
    public static IReadOnlyList<CircuitTransition> CircuitTransitions(
        IEnumerable<ResilienceEvent> events, DateTimeOffset runStart, IEnumerable<string>? closedAtStart = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var transitions = new List<CircuitTransition>();
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pipeline in closedAtStart ?? [])
        {
            if (last.TryAdd(pipeline, CircuitStates.Closed))
            {
                transitions.Add(new CircuitTransition(pipeline, TimeSpan.Zero, CircuitStates.Closed));
            }
        }

        // Over EventPipe, events of one refresh interval share a timestamp and arrive in any order (closed before
        // half-opened, say): within a tie, take them in the breaker's own cycle from the state it was in.
        foreach (var tie in events.Where(e => e.Count > 0 && StateAfter(e.EventName) is not null).OrderBy(e => e.At).GroupBy(e => e.At))
        {
            var pending = tie.ToList();
            while (pending.Count > 0)
            {
                var next = pending.MinBy(e => CycleRank(last.GetValueOrDefault(e.Pipeline, CircuitStates.Closed), StateAfter(e.EventName)!))!;
                pending.Remove(next);
                var state = StateAfter(next.EventName)!;
                if (last.TryGetValue(next.Pipeline, out var previous) && previous == state)
                {
                    continue;
                }

                last[next.Pipeline] = state;
                transitions.Add(new CircuitTransition(next.Pipeline, next.At - runStart, state));
            }
        }

        return transitions;
    }

    /// <summary>
    /// How long after <paramref name="faultStart"/> the circuit of <paramref name="pipeline"/> opened: zero when it was
    /// already open, <see langword="null"/> when it did not open after it.
    /// </summary>
    /// <param name="events">The events of a run.</param>
    /// <param name="pipeline">The pipeline's name (see <see cref="IsPipeline"/>).</param>
    /// <param name="faultStart">When the fault started, on the run's clock.</param>
    /// <returns>The time to open, or <see langword="null"/>.</returns>
    public static TimeSpan? TimeToCircuitOpen(IEnumerable<ResilienceEvent> events, string pipeline, DateTimeOffset faultStart)
    {
        var transitions = ForPipeline(events, pipeline, faultStart);
        if (transitions.LastOrDefault(t => t.At < TimeSpan.Zero)?.State == CircuitStates.Open)
        {
            return TimeSpan.Zero;
        }

        return transitions.FirstOrDefault(t => t.At >= TimeSpan.Zero && t.State == CircuitStates.Open)?.At;
    }

    /// <summary>
    /// How long after <paramref name="faultEnd"/> the circuit of <paramref name="pipeline"/> closed for good (the last
    /// transition after it is <see cref="CircuitStates.Closed"/>): zero when it was closed (or never opened) when the fault ended,
    /// <see langword="null"/> when it was still open or half-open at the end of the events.
    /// </summary>
    /// <param name="events">The events of a run.</param>
    /// <param name="pipeline">The pipeline's name (see <see cref="IsPipeline"/>).</param>
    /// <param name="faultEnd">When the fault ended, on the run's clock.</param>
    /// <returns>The time to recover, or <see langword="null"/>.</returns>
    public static TimeSpan? TimeToRecover(IEnumerable<ResilienceEvent> events, string pipeline, DateTimeOffset faultEnd)
    {
        var transitions = ForPipeline(events, pipeline, faultEnd);
        var after = transitions.Where(t => t.At >= TimeSpan.Zero).ToList();
        if (after.Count == 0)
        {
            var stateAtEnd = transitions.LastOrDefault()?.State ?? CircuitStates.Closed;
            return stateAtEnd == CircuitStates.Closed ? TimeSpan.Zero : null;
        }

        return after[^1].State == CircuitStates.Closed ? after[^1].At : null;
    }

    /// <summary>
    /// The retries (<see cref="ResilienceEventNames.OnRetry"/> counts) by pipeline name, of the events at or after
    /// <paramref name="from"/> and before <paramref name="to"/> (each bound optional).
    /// </summary>
    /// <param name="events">The events of a run.</param>
    /// <param name="from">The first instant counted, or <see langword="null"/> for all before.</param>
    /// <param name="to">The instant the count stops, or <see langword="null"/> for all after.</param>
    /// <returns>Retries by <c>pipeline.name</c>; a pipeline with none is absent.</returns>
    public static IReadOnlyDictionary<string, long> RetriesByPipeline(
        IEnumerable<ResilienceEvent> events, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events
            .Where(e => e.EventName == ResilienceEventNames.OnRetry && e.Count > 0)
            .Where(e => (from is null || e.At >= from) && (to is null || e.At < to))
            .GroupBy(e => e.Pipeline, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Count), StringComparer.Ordinal);
    }

    private static List<CircuitTransition> ForPipeline(IEnumerable<ResilienceEvent> events, string pipeline, DateTimeOffset reference)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(pipeline);
        return [.. CircuitTransitions(events.Where(e => IsPipeline(e.Pipeline, pipeline)), reference)];
    }

    // How far along the breaker's cycle (closed, open, half-open, closed or open again) a state is from the current one.
    private static int CycleRank(string current, string state)
    {
        string[] cycle = [CircuitStates.Closed, CircuitStates.Open, CircuitStates.HalfOpen];
        var from = Array.IndexOf(cycle, current);
        var to = Array.IndexOf(cycle, state);
        return (to - from + cycle.Length - 1) % cycle.Length;
    }

    private static string? StateAfter(string eventName) => eventName switch
    {
        ResilienceEventNames.OnCircuitOpened => CircuitStates.Open,
        ResilienceEventNames.OnCircuitHalfOpened => CircuitStates.HalfOpen,
        ResilienceEventNames.OnCircuitClosed => CircuitStates.Closed,
        _ => null,
    };
}
