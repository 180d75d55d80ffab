namespace Chaos.Engine.Running;

/// <summary>
/// Watches the circuits of the system under test during a run, for <c>timeToCircuitOpen</c> and <c>timeToRecover</c>:
/// the storefront's <c>/status</c>, or a .NET service's own Polly telemetry (meter <c>Polly</c>, one circuit per
/// pipeline). A system target without one reports those expectations as not measured.
/// </summary>
public interface ICircuitObserver
{
    /// <summary>Observes until cancelled; offsets of transitions count from <paramref name="loadStart"/>.</summary>
    /// <param name="loadStart">The time provider's timestamp of the start of the load.</param>
    /// <param name="cancellationToken">Ends the observation.</param>
    Task RunAsync(long loadStart, CancellationToken cancellationToken);

    /// <summary>Gets every circuit transition seen so far, in order.</summary>
    IReadOnlyList<CircuitTransition> Transitions();

    /// <summary>Gets the circuit states seen last, by dependency, for the live view.</summary>
    IReadOnlyDictionary<string, string> LatestCircuits { get; }
}
