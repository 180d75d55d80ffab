namespace Chaos.Engine.Scenarios;

/// <summary>The load: phases of an open model (arrival rate) or a closed model (virtual users), and a weighted journey mix.</summary>
public sealed record LoadProfile
{
    /// <summary>Gets the journey weights by journey name (browse, addToCart, checkout).</summary>
    public required IReadOnlyDictionary<string, int> Journeys { get; init; }

    /// <summary>Gets the load phases, run one after another.</summary>
    public required IReadOnlyList<LoadPhase> Phases { get; init; }

    /// <summary>Gets the bound on journeys in flight; arrivals beyond it are counted as dropped.</summary>
    /// <value>Defaults to 512.</value>
    public int MaxInFlight { get; init; } = 512;

    /// <summary>Gets the client-side timeout of one request of a journey.</summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the think time of a virtual user between its journeys in closed-model phases, or null for none.</summary>
    /// <value>Defaults to null: a virtual user starts its next journey as soon as the previous one ends.</value>
    public ThinkTime? ThinkTime { get; init; }

    /// <summary>
    /// Gets how long the runner drives the first phase's journey mix at a small rate before the measured load, or null
    /// for the fixed warm-up rounds.
    /// </summary>
    /// <value>Defaults to null.</value>
    public TimeSpan? WarmUp { get; init; }

    /// <summary>Gets the factor every rate and concurrency was multiplied by (<c>chaos run --load-scale</c>).</summary>
    /// <value>Defaults to 1.</value>
    public double Scale { get; init; } = 1;

    /// <summary>Gets every journey of the load: <see cref="Journeys"/> and those of the phases' own mixes.</summary>
    public IReadOnlyList<string> AllJourneys => Journeys.Keys
        .Concat(Phases.SelectMany(p => p.Journeys?.Keys ?? []))
        .Distinct(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Gets this load with every arrival rate and every number of copies multiplied by <paramref name="factor"/>.</summary>
    /// <param name="factor">The factor, above 0 (0.5 halves the load).</param>
    /// <returns>The scaled load; <see cref="MaxInFlight"/> is raised if a phase now has more copies than it allows.</returns>
    public LoadProfile Scaled(double factor)
    {
        if (!double.IsFinite(factor) || factor <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The load scale must be a number above 0, like 0.5 for half the load.");
        }

        var phases = Phases.Select(p => p.Model == LoadModel.Closed
            ? p with { StartCopies = ScaleCopies(p.StartCopies, factor), EndCopies = ScaleCopies(p.EndCopies, factor) }
            : p with { StartRate = p.StartRate * factor, EndRate = p.EndRate * factor }).ToArray();
        var copies = phases.Select(p => Math.Max(p.StartCopies, p.EndCopies)).DefaultIfEmpty(0).Max();
        return this with { Phases = phases, MaxInFlight = Math.Max(MaxInFlight, copies), Scale = Scale * factor };
    }

    // A phase that had virtual users keeps at least one: a scaled-down run still exercises the closed model.
    private static int ScaleCopies(int copies, double factor) => copies == 0 ? 0 : Math.Max(1, (int)Math.Round(copies * factor, MidpointRounding.AwayFromZero));
}
