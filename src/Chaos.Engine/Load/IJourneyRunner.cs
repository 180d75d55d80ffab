namespace Chaos.Engine.Load;

/// <summary>Runs one journey by name for a virtual user; implemented over real HTTP to the system under test.</summary>
public interface IJourneyRunner
{
    /// <summary>Runs the named journey once. Never throws for failures of the system under test: it returns them.</summary>
    /// <param name="journey">The journey's name.</param>
    /// <param name="user">
    /// The virtual user running it: its state (a session, a cart, orders placed) persists across its journeys. A user runs
    /// one journey at a time, so its state needs no lock.
    /// </param>
    /// <param name="cancellationToken">Cancels the journey (the run ended or was cancelled).</param>
    /// <returns>How the journey ended.</returns>
    ValueTask<JourneyResult> RunAsync(string journey, VirtualUser user, CancellationToken cancellationToken);
}
