using Chaos.Engine.Faults;
using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Running;

/// <summary>
/// What a run is composed from: the system under test as its environment set it up (its simulated dependencies' control
/// surfaces, the hosts of its pools, the control of its own process) and what is specific to it, begun once per run
/// as an <see cref="ITargetRun"/>. The reference storefront is one target (<c>Chaos.Targets.Storefront.StorefrontTarget</c>), a system
/// file's service another (<see cref="SystemRunTarget"/>); <see cref="ScenarioRunner"/> runs either the same way.
/// </summary>
public interface IRunTarget
{
    /// <summary>Gets the simulated dependencies' control surfaces, one per dependency or pool host.</summary>
    IReadOnlyList<IDependencyControl> Dependencies { get; }

    /// <summary>Gets the hosts of the pools, so that a fault on a host cohort is expanded into one rule per matching host.</summary>
    IReadOnlyList<DependencyTarget> Hosts { get; }

    /// <summary>Gets the control of the system under test's own process, for <c>kind: crash</c> faults, or null.</summary>
    IServiceControl? Service { get; }

    /// <summary>Begins one run of <paramref name="scenario"/>: its journeys, observers and ledgers, fresh.</summary>
    /// <param name="scenario">The validated scenario.</param>
    /// <param name="time">The run's clock.</param>
    /// <returns>The run's target-specific part; the runner disposes it.</returns>
    ITargetRun Begin(Scenario scenario, TimeProvider time);
}
