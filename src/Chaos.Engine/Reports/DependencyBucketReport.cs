namespace Chaos.Engine.Reports;

/// <summary>One second of a dependency's calls.</summary>
/// <param name="AtSeconds">The start of the second, from the start of the load.</param>
/// <param name="Calls">Calls the dependency received.</param>
/// <param name="Faulted">Calls a fault was rendered on.</param>
public sealed record DependencyBucketReport(double AtSeconds, int Calls, int Faulted);
