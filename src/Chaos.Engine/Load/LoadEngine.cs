using Chaos.Engine.Metrics;

namespace Chaos.Engine.Load;

/// <summary>
/// Drives the plan's load phases. In an open-model phase journeys arrive at the plan's (ramping) rate whatever the
/// system under test does, and each one's latency is measured from its intended start, so a stalled system cannot hide
/// its stall (no coordinated omission). In a closed-model phase a number of virtual users (copies, ramping linearly)
/// each loop journeys with a think time between them; an iteration's latency is measured from when the user was due
/// after its think time. A closed model slows down with the system (its next journey waits for the previous one), so it
/// cannot show coordinated omission the way an open model does: use open phases to measure latency under a stall.
/// </summary>
public sealed class LoadEngine
{
    private static readonly TimeSpan DefaultDrain = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a load engine.</summary>
    /// <param name="timeProvider">The clock that schedules arrivals and measures latency.</param>
    public LoadEngine(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Runs the plan's phases one after another, then waits for the journeys still in flight.
    /// </summary>
    /// <remarks>
    /// Arrival <c>k</c> is due when the integral of the rate reaches <c>k</c>; its journey is picked by weight (from the
    /// phase's own mix, if it has one) from a <see cref="Random"/> seeded with the plan's seed, and it borrows a
    /// <see cref="VirtualUser"/> from a pool of at most <see cref="LoadPlan.MaxInFlight"/>. In a closed-model phase, virtual
    /// user <c>i</c> runs while the phase wants more than <c>i</c> copies; surplus users stop after their current journey,
    /// and each picks its journeys with its own seeded random. Every journey is recorded in <paramref name="recorder"/> by its
    /// intended start: a journey with the latency from its intended start to its end, an arrival that finds
    /// <see cref="LoadPlan.MaxInFlight"/> journeys in flight as <see cref="OutcomeKind.Dropped"/>. An exception thrown
    /// by a journey is recorded (connection error, timeout or HTTP error, with the exception as detail) and never
    /// ends the run. Journeys still in flight when <paramref name="drainInFlight"/> runs out are cancelled and
    /// recorded as timeouts. When <paramref name="cancellationToken"/> is cancelled, in-flight journeys are cancelled
    /// too, and the method throws <see cref="OperationCanceledException"/>; what was recorded stays in the recorder.
    /// </remarks>
    /// <param name="plan">The phases, the journey mix, the in-flight bound and the seed.</param>
    /// <param name="journeys">Runs one journey by name.</param>
    /// <param name="recorder">Receives every arrival; it must know every journey of the plan.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <param name="drainInFlight">How long to wait for journeys in flight after the last phase. Defaults to 30 seconds.</param>
    /// <param name="onTick">
    /// Called about once a second, one call at a time, with a live snapshot: on the system clock from the thread pool, never
    /// on the schedule's thread (a tick due while the last is still being delivered is skipped); on any other clock in step
    /// with it.
    /// </param>
    /// <param name="startTimestamp">
    /// The schedule's time 0, as a timestamp of this engine's clock: the instant a fault timeline played beside the load
    /// counts from, so that an arrival at 4 s and a fault at 4 s are one instant. Null for now. An instant already past
    /// makes the first arrivals late, and the schedule lag says so.
    /// </param>
    /// <param name="stopArrivals">
    /// Ends the schedule early when cancelled (a run that has already failed its contract): no arrival or closed-model
    /// journey starts after it, and the journeys in flight drain as after the last phase. Unlike
    /// <paramref name="cancellationToken"/>, the run then returns its totals.
    /// </param>
    /// <returns>The run's totals.</returns>
    public Task<LoadRunSummary> RunAsync(LoadPlan plan, IJourneyRunner journeys, RunRecorder recorder,
        CancellationToken cancellationToken, TimeSpan? drainInFlight = null, Action<LoadTick>? onTick = null, long? startTimestamp = null,
        CancellationToken stopArrivals = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(journeys);
        ArgumentNullException.ThrowIfNull(recorder);
        var drain = drainInFlight ?? DefaultDrain;
        if (drain < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(drainInFlight), drain, "The drain must not be negative; use 30 seconds.");
        }

        var errors = plan.Validate().ToList();
        if (errors.Count == 0)
        {
            var known = recorder.Journeys.ToHashSet(StringComparer.Ordinal);
            errors.AddRange(plan.Journeys
                .Where(journey => !known.Contains(journey))
                .Select(journey => $"journey '{journey}' is not known to the RunRecorder; create it with every journey of the plan."));
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("The load plan cannot run:" + Environment.NewLine + string.Join(Environment.NewLine, errors), nameof(plan));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var run = new LoadRun(_timeProvider, plan, journeys, recorder, onTick);
        return run.RunAsync(drain, cancellationToken, startTimestamp, stopArrivals);
    }
}
