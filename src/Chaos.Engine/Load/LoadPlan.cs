using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Load;

/// <summary>
/// What the <see cref="LoadEngine"/> runs: load phases of an open model (arrivals per second, ramping linearly within a
/// phase) or a closed model (virtual users looping journeys, their number ramping linearly within a phase), a weighted
/// journey mix, a bound on journeys in flight and the seed of the journey choice.
/// </summary>
/// <param name="Phases">The load phases, run one after another; a phase may carry its own journey mix.</param>
/// <param name="JourneyWeights">The relative weight of each journey; a journey with weight 0 never runs.</param>
/// <param name="MaxInFlight">The bound on journeys in flight; an arrival that finds it reached is recorded as dropped.</param>
/// <param name="Seed">The seed of the journey choice: the same seed gives the same sequence of journeys.</param>
public sealed record LoadPlan(IReadOnlyList<LoadPhase> Phases, IReadOnlyDictionary<string, int> JourneyWeights, int MaxInFlight, int Seed)
{
    /// <summary>Creates the plan of a scenario's load.</summary>
    /// <param name="scenario">The validated scenario.</param>
    /// <returns>The plan with the scenario's phases, journey mix, in-flight bound and seed.</returns>
    public static LoadPlan FromScenario(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new LoadPlan(scenario.Load.Phases, scenario.Load.Journeys, scenario.Load.MaxInFlight, scenario.Seed) { ThinkTime = scenario.Load.ThinkTime };
    }

    /// <summary>Gets a virtual user's think time between its journeys in closed-model phases, or null for none.</summary>
    /// <value>Defaults to null.</value>
    public ThinkTime? ThinkTime { get; init; }

    /// <summary>
    /// Gets the execution segment this engine runs when the load is split over several agents (see <see cref="LoadSegment"/>),
    /// or null for the whole load.
    /// </summary>
    /// <value>Defaults to null.</value>
    public LoadSegment? Segment { get; init; }

    /// <summary>Gets every journey the plan can run: those of <see cref="JourneyWeights"/> and of the phases' own mixes.</summary>
    public IEnumerable<string> Journeys => (JourneyWeights ?? new Dictionary<string, int>())
        .Concat(Phases?.SelectMany(p => p.Journeys ?? new Dictionary<string, int>()) ?? [])
        .Where(pair => pair.Value > 0)
        .Select(pair => pair.Key)
        .Distinct(StringComparer.Ordinal);

    /// <summary>Gets every problem of the plan, each saying how to fix it; empty when the plan can run.</summary>
    /// <returns>The problems, in the order of the plan's fields.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Phases is null || Phases.Count == 0)
        {
            errors.Add("LoadPlan.Phases is empty; add at least one load phase (for example 30s at 50 arrivals per second).");
        }
        else
        {
            for (var i = 0; i < Phases.Count; i++)
            {
                var phase = Phases[i];
                var name = $"phases[{i}] '{phase.Name}'";
                if (phase.Duration <= TimeSpan.Zero)
                {
                    errors.Add($"{name}: duration {phase.Duration} is not positive; give the phase a duration such as 30s.");
                }

                if (!double.IsFinite(phase.StartRate) || phase.StartRate < 0)
                {
                    errors.Add($"{name}: startRate {phase.StartRate} is not a finite rate >= 0; use arrivals per second such as 50.");
                }

                if (!double.IsFinite(phase.EndRate) || phase.EndRate < 0)
                {
                    errors.Add($"{name}: endRate {phase.EndRate} is not a finite rate >= 0; use arrivals per second such as 50.");
                }

                if (phase.Model == LoadModel.Closed)
                {
                    if (phase.StartCopies < 0 || phase.EndCopies < 0)
                    {
                        errors.Add($"{name}: copies {phase.StartCopies} to {phase.EndCopies} include a negative number; use 0 or more virtual users.");
                    }
                    else if (phase.StartCopies == 0 && phase.EndCopies == 0)
                    {
                        errors.Add($"{name}: a closed-model phase with 0 copies runs nothing; give it at least one virtual user.");
                    }
                    else if (Math.Max(phase.StartCopies, phase.EndCopies) > MaxInFlight)
                    {
                        errors.Add($"{name}: {Math.Max(phase.StartCopies, phase.EndCopies)} copies exceed MaxInFlight {MaxInFlight}; raise MaxInFlight or use fewer copies.");
                    }
                }

                if (phase.Journeys is { } mix && (mix.Count == 0 || mix.Values.Any(w => w < 0) || mix.Values.All(w => w <= 0)))
                {
                    errors.Add($"{name}: its own journey mix needs weights of 0 or more and at least one above 0; give it one, like browse: 1, or remove it.");
                }
            }
        }

        if (JourneyWeights is null || JourneyWeights.Count == 0)
        {
            errors.Add("LoadPlan.JourneyWeights is empty; give at least one journey a positive weight (for example browse: 1).");
        }
        else
        {
            long total = 0;
            foreach (var (journey, weight) in JourneyWeights)
            {
                if (weight < 0)
                {
                    errors.Add($"journey '{journey}': weight {weight} is negative; use 0 to leave the journey out.");
                }
                else
                {
                    total += weight;
                }
            }

            if (total <= 0)
            {
                errors.Add("LoadPlan.JourneyWeights has no positive weight; give at least one journey a weight above 0.");
            }
            else if (total > int.MaxValue)
            {
                errors.Add($"LoadPlan.JourneyWeights sum to {total}, above {int.MaxValue}; use smaller relative weights.");
            }
        }

        if (MaxInFlight < 1)
        {
            errors.Add($"LoadPlan.MaxInFlight {MaxInFlight} is below 1; use a bound such as 512.");
        }

        if (ThinkTime is { } think && (think.Min < TimeSpan.Zero || think.Max < think.Min))
        {
            errors.Add($"LoadPlan.ThinkTime {think.Min} to {think.Max} is not a range of durations >= 0; use for example 200 ms to 2 s.");
        }

        return errors;
    }
}
