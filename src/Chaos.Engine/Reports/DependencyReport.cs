namespace Chaos.Engine.Reports;

/// <summary>A dependency's calls over the run.</summary>
public sealed record DependencyReport(string Dependency, int Calls, int FaultedCalls, int Charges, IReadOnlyDictionary<string, int> CallsByRoute)
{
    /// <summary>Gets the pool the dependency is a host of (<c>fulfillment</c> for <c>fulfillment.fc-win-1</c>), or null for a dependency of its own.</summary>
    public string? Pool { get; init; }
}
