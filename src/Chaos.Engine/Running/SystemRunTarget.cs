using Chaos.Engine.Faults;

namespace Chaos.Engine.Running;

/// <summary>What a run of a system file drives: the service by URL and the control surfaces of its mapped dependencies.</summary>
/// <param name="Service">The service's base URL.</param>
/// <param name="Dependencies">The simulators' control surfaces, one per dependency or pool host.</param>
public sealed record SystemRunTarget(Uri Service, IReadOnlyList<IDependencyControl> Dependencies)
{
    /// <summary>Gets the hosts of the pools, so that a fault on a host cohort is expanded into one rule per matching host.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyList<DependencyTarget> Hosts { get; init; } = [];

    /// <summary>Gets what reads the service's circuits from its Polly telemetry, or null (then circuit expectations are not measured).</summary>
    /// <value>Defaults to none.</value>
    public TelemetryCircuitObserver? Circuits { get; init; }
}
