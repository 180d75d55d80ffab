namespace Chaos.Engine.Scenarios;

/// <summary>
/// One load phase. In the open model (the default) the arrival rate goes linearly from <see cref="StartRate"/> to
/// <see cref="EndRate"/> (journeys per second) over <see cref="Duration"/>; equal rates make a constant phase. In the
/// closed model (<see cref="Closed"/>) the number of virtual users goes linearly from <see cref="StartCopies"/> to
/// <see cref="EndCopies"/> and the rates are 0.
/// </summary>
public sealed record LoadPhase(string Name, TimeSpan Duration, double StartRate, double EndRate)
{
    /// <summary>Gets how the phase makes traffic.</summary>
    /// <value>Defaults to <see cref="LoadModel.Open"/>.</value>
    public LoadModel Model { get; init; } = LoadModel.Open;

    /// <summary>Gets the number of virtual users at the start of a closed-model phase (0 in an open-model phase).</summary>
    public int StartCopies { get; init; }

    /// <summary>Gets the number of virtual users at the end of a closed-model phase (0 in an open-model phase).</summary>
    public int EndCopies { get; init; }

    /// <summary>Gets the phase's own journey mix, or null to use <see cref="LoadProfile.Journeys"/>.</summary>
    public IReadOnlyDictionary<string, int>? Journeys { get; init; }

    /// <summary>Creates a closed-model phase whose virtual users go linearly from <paramref name="startCopies"/> to <paramref name="endCopies"/>.</summary>
    /// <param name="name">The phase name.</param>
    /// <param name="duration">How long it lasts.</param>
    /// <param name="startCopies">Virtual users at the start.</param>
    /// <param name="endCopies">Virtual users at the end; equal to <paramref name="startCopies"/> for a constant phase.</param>
    /// <returns>The phase.</returns>
    public static LoadPhase Closed(string name, TimeSpan duration, int startCopies, int endCopies) =>
        new(name, duration, 0, 0) { Model = LoadModel.Closed, StartCopies = startCopies, EndCopies = endCopies };
}
