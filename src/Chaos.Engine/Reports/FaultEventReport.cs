namespace Chaos.Engine.Reports;

/// <summary>A step of the fault timeline as played.</summary>
public sealed record FaultEventReport(string Fault, string Dependency, string Action, double PlannedSeconds, double ActualSeconds);
