namespace Chaos.Engine.Reports;

/// <summary>A circuit seen in a new state.</summary>
public sealed record CircuitReport(string Dependency, double AtSeconds, string State);
