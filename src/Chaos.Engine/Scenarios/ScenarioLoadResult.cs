namespace Chaos.Engine.Scenarios;

/// <summary>
/// The outcome of loading a scenario: the validated scenario, or every error found in the file.
/// </summary>
/// <param name="Scenario">The validated scenario, or null when the file has errors.</param>
/// <param name="Errors">Every error found, ordered by line; empty when the scenario is valid.</param>
public sealed record ScenarioLoadResult(Scenario? Scenario, IReadOnlyList<ScenarioError> Errors)
{
    /// <summary>Gets whether the scenario was loaded without errors.</summary>
    public bool IsValid => Errors.Count == 0 && Scenario is not null;
}
