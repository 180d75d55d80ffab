namespace Chaos.Engine.Telemetry;

/// <summary>
/// The states of a circuit breaker as a run records and reports them: from the service's Polly telemetry
/// (<see cref="ResilienceTimeline"/>) or from what a status endpoint says.
/// </summary>
public static class CircuitStates
{
    /// <summary>The state after <see cref="ResilienceEventNames.OnCircuitClosed"/>, and a breaker's first state.</summary>
    public const string Closed = "closed";

    /// <summary>The state after <see cref="ResilienceEventNames.OnCircuitOpened"/>, as the judge names it.</summary>
    public const string Open = "open";

    /// <summary>The state after <see cref="ResilienceEventNames.OnCircuitHalfOpened"/>.</summary>
    public const string HalfOpen = "half-open";

    /// <summary>The state of a breaker held open by hand (Polly's manual control), as a status endpoint reports it.</summary>
    public const string Isolated = "isolated";

    /// <summary>Gets whether calls are refused in <paramref name="state"/>: open or isolated, in any case.</summary>
    public static bool IsOpen(string state) =>
        state.Equals(Open, StringComparison.OrdinalIgnoreCase) || state.Equals(Isolated, StringComparison.OrdinalIgnoreCase);
}
