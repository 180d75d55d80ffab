namespace Chaos.Engine.Reports;

/// <summary>A dependency's calls over the run.</summary>
public sealed record DependencyReport(string Dependency, int Calls, int FaultedCalls, int Charges, IReadOnlyDictionary<string, int> CallsByRoute);
