using System.Globalization;
using Chaos.Engine.Faults;

namespace Chaos.Engine.Running;

/// <summary>A planned step of the fault timeline.</summary>
/// <param name="At">The offset from the start of the load.</param>
/// <param name="Fault">The fault window's name (also the rule's name).</param>
/// <param name="Dependency">The dependency (for a cohort, the host) it acts on.</param>
/// <param name="Action"><c>applied</c>, <c>ramped</c> or <c>cleared</c>.</param>
/// <param name="Rule">The rule to apply, or null to clear.</param>
internal sealed record FaultStep(TimeSpan At, string Fault, string Dependency, string Action, FaultRule? Rule)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{At.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s {Action} {Fault} on {Dependency}"
        + (Rule is null ? "" : $" at {Rule.Fault.InjectionRate.ToString("0.###", CultureInfo.InvariantCulture)}");
}
