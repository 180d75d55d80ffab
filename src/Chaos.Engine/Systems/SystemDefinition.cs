namespace Chaos.Engine.Systems;

/// <summary>
/// A team's own HTTP service described by a system file: how it runs, the dependencies Chaos simulates for it and the
/// journeys the load engine drives through it. Loaded and validated by <see cref="SystemLoader"/>.
/// </summary>
/// <remarks>The format is described in <c>scenarios/README.md</c>, "The system file".</remarks>
public sealed record SystemDefinition
{
    /// <summary>Gets the system's name (kebab-case), used in reports.</summary>
    public required string Name { get; init; }

    /// <summary>Gets how the service under test runs: started by Chaos, or already running at a URL.</summary>
    public required ServiceDefinition Service { get; init; }

    /// <summary>Gets the dependencies Chaos simulates, in file order.</summary>
    public required IReadOnlyList<DependencyDefinition> Dependencies { get; init; }

    /// <summary>Gets the journeys (named lists of HTTP steps), in file order.</summary>
    public required IReadOnlyList<JourneyDefinition> Journeys { get; init; }

    /// <summary>Gets the path the system file was read from, as given to the loader.</summary>
    public required string SourcePath { get; init; }

    /// <summary>Gets the dependency of that name, or null.</summary>
    /// <param name="name">The dependency's name, for example <c>bank</c>.</param>
    public DependencyDefinition? Dependency(string name) => Dependencies.FirstOrDefault(d => d.Name == name);

    /// <summary>Gets the journey of that name, or null.</summary>
    /// <param name="name">The journey's name, for example <c>pay</c>.</param>
    public JourneyDefinition? Journey(string name) => Journeys.FirstOrDefault(j => j.Name == name);
}
