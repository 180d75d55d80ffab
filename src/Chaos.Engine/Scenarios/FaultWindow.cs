namespace Chaos.Engine.Scenarios;

/// <summary>One entry of the fault timeline: a fault on a dependency (optionally one route) for a window.</summary>
public sealed record FaultWindow
{
    /// <summary>Gets the window's name; it is also a phase name for expectations.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Gets the dependency, for example <c>payments.primary</c>, or <see cref="ScenarioVocabulary.ServiceTarget"/> for a
    /// fault on the system under test itself (a crash).
    /// </summary>
    public required string Dependency { get; init; }

    /// <summary>Gets the route the fault is limited to (for example <c>charges</c>), or null for every route.</summary>
    public string? Route { get; init; }

    /// <summary>
    /// Gets the hosts of a pool dependency (<c>fulfillment</c>) the fault targets, or null for every host of the pool (or
    /// for a dependency that is not a pool).
    /// </summary>
    public HostCohort? Hosts { get; init; }

    /// <summary>Gets how the fault recovers after its end.</summary>
    /// <value>Defaults to <see cref="FaultRecovery.Instant"/>.</value>
    public FaultRecovery Recovery { get; init; } = FaultRecovery.Instant;

    /// <summary>Gets the offset from the start of the load at which the fault is applied.</summary>
    public required TimeSpan Start { get; init; }

    /// <summary>Gets how long the fault stays applied.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Gets the fault itself.</summary>
    public required Faults.FaultSpec Fault { get; init; }

    /// <summary>Gets the offset at which the fault is cleared.</summary>
    public TimeSpan End => Start + Duration;
}
