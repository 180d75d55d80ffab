using System.Globalization;
using Chaos.Engine.Faults;
using Chaos.Engine.Journeys.Http;
using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Running;

/// <summary>A system file's service as a target: the service by URL and the control surfaces of its mapped dependencies.</summary>
/// <param name="Service">The service's base URL.</param>
/// <param name="Dependencies">The simulators' control surfaces, one per dependency or pool host.</param>
public sealed record SystemRunTarget(Uri Service, IReadOnlyList<IDependencyControl> Dependencies) : IRunTarget
{
    /// <summary>Gets the hosts of the pools, so that a fault on a host cohort is expanded into one rule per matching host.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyList<DependencyTarget> Hosts { get; init; } = [];

    /// <summary>Gets what reads the service's circuits from its Polly telemetry, or null (then circuit expectations are not measured).</summary>
    /// <value>Defaults to none.</value>
    public TelemetryCircuitObserver? Circuits { get; init; }

    /// <summary>Gets journeys written in C#, by name; one named as a system file's journey replaces it.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyDictionary<string, HttpJourney> CodeJourneys { get; init; } = new Dictionary<string, HttpJourney>();

    /// <summary>Gets the control of the service's process, for <c>kind: crash</c> faults; null when Chaos did not start it.</summary>
    /// <value>Defaults to none (then a run with a crash fails as a harness error before its load starts).</value>
    public IServiceControl? Control { get; init; }

    /// <inheritdoc />
    IServiceControl? IRunTarget.Service => Control;

    /// <summary>
    /// The journeys of a scenario's system file against its service, as this run and each of its load agents send them
    /// (one run id, so <c>{{run.id}}</c> is the same everywhere).
    /// </summary>
    /// <param name="scenario">A scenario that names a system file.</param>
    /// <param name="service">The service's base URL.</param>
    /// <param name="code">Journeys written in C#, or null.</param>
    /// <returns>The journeys; the caller disposes them.</returns>
    public static HttpStepJourneys JourneysFor(Scenario scenario, Uri service, IReadOnlyDictionary<string, HttpJourney>? code = null)
    {
        var runId = string.Create(CultureInfo.InvariantCulture, $"{scenario.Name}-{scenario.Seed}");
        return new HttpStepJourneys(scenario.System!.Journeys, service, runId, scenario.Load.RequestTimeout, scenario.Load.MaxInFlight, code: code);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The scenario names no system file.</exception>
    public ITargetRun Begin(Scenario scenario, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.System is null)
        {
            throw new ArgumentException("The scenario names no system file; run it against the storefront's target.", nameof(scenario));
        }

        return new SystemTargetRun(this, scenario, time);
    }
}
