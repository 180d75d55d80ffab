namespace Chaos.Engine.Reports;

/// <summary>What one configuration delivered for a journey during a scenario's faults.</summary>
/// <param name="Config">The configuration.</param>
/// <param name="Observed">ok, degraded, down, or not measured.</param>
/// <param name="WorstPhase">The fault phase the state was taken from.</param>
/// <param name="SuccessRate">The share of journeys that succeeded in that phase.</param>
/// <param name="AvailableRate">The share that succeeded or were refused honestly in that phase.</param>
/// <param name="Met">Whether it was at least as good as expected; null when nothing was expected or measured.</param>
public sealed record MatrixCell(string Config, string Observed, string? WorstPhase, double? SuccessRate, double? AvailableRate, bool? Met);
