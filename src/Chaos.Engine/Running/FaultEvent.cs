namespace Chaos.Engine.Running;

/// <summary>A step of the fault timeline as it happened.</summary>
/// <param name="Fault">The fault window's name.</param>
/// <param name="Dependency">The dependency (for a cohort, the host).</param>
/// <param name="Action"><c>applied</c>, <c>ramped</c> or <c>cleared</c>.</param>
/// <param name="Planned">The planned offset.</param>
/// <param name="Actual">The offset at which it was done.</param>
internal sealed record FaultEvent(string Fault, string Dependency, string Action, TimeSpan Planned, TimeSpan Actual)
{
    /// <summary>Gets the injection rate applied (null for a clear).</summary>
    public double? InjectionRate { get; init; }
}
