namespace Chaos.Engine.Reports;

/// <summary>A scenario's journey across the configurations.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Incident">The incident it replays.</param>
/// <param name="Journey">The journey.</param>
/// <param name="Expected">What the scenario promises: ok, degraded, down, or not stated.</param>
/// <param name="Cells">What each configuration delivered, in the order of <see cref="ResilienceMatrix.Configs"/>.</param>
public sealed record MatrixRow(string Scenario, string Incident, string Journey, string Expected, IReadOnlyList<MatrixCell> Cells);
