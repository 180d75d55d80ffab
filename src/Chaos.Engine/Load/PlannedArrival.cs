namespace Chaos.Engine.Load;

/// <summary>
/// One arrival of a plan's open model as a single engine schedules it: its index, its intended start and the journey
/// its seeded choice gives it. What a set of load agents must reproduce together, whatever the split.
/// </summary>
/// <param name="Index">The arrival's index in the schedule, from 0.</param>
/// <param name="At">Its intended start, from the start of the load.</param>
/// <param name="Journey">The journey it runs.</param>
internal sealed record PlannedArrival(long Index, TimeSpan At, string Journey)
{
    /// <summary>Gets every arrival of the plan's open model, in order, without running anything.</summary>
    /// <param name="plan">The plan; closed-model phases have no arrivals.</param>
    /// <returns>The arrivals, as <see cref="LoadEngine"/> releases them.</returns>
    public static IEnumerable<PlannedArrival> Of(LoadPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var schedule = new ArrivalSchedule(plan.Phases);
        var timeline = new PhaseTimeline(plan.Phases);
        var mix = new JourneyMix(plan.JourneyWeights);
        var mixes = plan.Phases.Select(p => p.Journeys is { } own ? new JourneyMix(own) : mix).ToArray();
        var random = new Random(plan.Seed);
        for (long k = 0; k < schedule.Count; k++)
        {
            var at = schedule.TimeOf(k);
            var index = timeline.IndexAt(at);
            yield return new PlannedArrival(k, at, mixes[index >= 0 ? index : mixes.Length - 1].Pick(random));
        }
    }
}
