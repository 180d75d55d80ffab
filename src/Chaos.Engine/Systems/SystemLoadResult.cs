using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Systems;

/// <summary>The outcome of loading a system file: the validated system, or every error found in the file.</summary>
/// <param name="System">The validated system, or null when the file has errors.</param>
/// <param name="Errors">Every error found, ordered by line; empty when the system is valid.</param>
public sealed record SystemLoadResult(SystemDefinition? System, IReadOnlyList<ScenarioError> Errors)
{
    /// <summary>Gets whether the system was loaded without errors.</summary>
    public bool IsValid => Errors.Count == 0 && System is not null;
}
