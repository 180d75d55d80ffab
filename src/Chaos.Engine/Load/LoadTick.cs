namespace Chaos.Engine.Load;

/// <summary>A live snapshot of a run, about once a second, for the console view.</summary>
/// <param name="Elapsed">Time since the start of the run.</param>
/// <param name="Phase">The current load phase, or <c>drain</c> after the last one.</param>
/// <param name="TargetRate">The plan's arrival rate now, per second.</param>
/// <param name="AchievedRate">Journeys started per second since the previous tick.</param>
/// <param name="InFlight">Journeys in flight now.</param>
/// <param name="Completed">Journeys completed so far.</param>
/// <param name="Succeeded">Journeys that succeeded so far.</param>
/// <param name="P99Seconds">The 99th percentile latency of the journeys intended to start in the last five seconds (NaN without data).</param>
/// <remarks>In a closed-model phase <see cref="TargetRate"/> is 0 and <see cref="TargetCopies"/> is the number of virtual users wanted.</remarks>
public sealed record LoadTick(TimeSpan Elapsed, string Phase, double TargetRate, double AchievedRate, int InFlight, long Completed, long Succeeded, double P99Seconds)
{
    /// <summary>Gets the number of virtual users the closed-model phase wants now (0 in an open-model phase).</summary>
    public int TargetCopies { get; init; }

    /// <summary>
    /// Gets the earliest intended start of a journey that is not recorded yet (one in flight, or a closed-model user's
    /// next), or null when none is pending: every journey intended to start before it, and before <see cref="Elapsed"/>,
    /// is in the recorder, so a phase that ended before both can be judged now.
    /// </summary>
    public TimeSpan? OldestPending { get; init; }
}
