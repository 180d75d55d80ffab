using Chaos.Engine.Faults;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;

namespace Chaos.Targets.Storefront;

/// <summary>The reference storefront as a target: the storefront by URL and the control surfaces of its simulated dependencies.</summary>
/// <param name="Storefront">The storefront's base URL.</param>
/// <param name="Admin">The storefront's admin credentials, for reconciliation.</param>
/// <param name="Dependencies">The simulated dependencies' control surfaces.</param>
public sealed record StorefrontTarget(Uri Storefront, StorefrontCredentials Admin, IReadOnlyList<IDependencyControl> Dependencies) : IRunTarget
{
    /// <summary>
    /// Gets the hosts of the pools (for example every <c>fulfillment.&lt;host&gt;</c> with its <c>os</c> tag), so that a
    /// fault on a host cohort is expanded into one rule per matching host. Each needs a control in <see cref="Dependencies"/>.
    /// </summary>
    /// <value>Defaults to none: a run with a cohort fault then fails as a harness error.</value>
    public IReadOnlyList<DependencyTarget> Hosts { get; init; } = [];

    /// <summary>
    /// Gets the control of the storefront itself, for <c>kind: crash</c> faults; null when the harness did not start it
    /// as a process of its own (then a run with a crash fails as a harness error before its load starts).
    /// </summary>
    /// <value>Defaults to none.</value>
    public IServiceControl? Service { get; init; }

    /// <inheritdoc />
    public ITargetRun Begin(Scenario scenario, TimeProvider time) => new StorefrontTargetRun(this, scenario, time);
}
