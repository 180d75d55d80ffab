namespace Chaos.Engine.Reports;

/// <summary>A judging phase and its journeys' figures.</summary>
public sealed record PhaseReport(string Name, double FromSeconds, double ToSeconds, IReadOnlyList<JourneyReport> Journeys);
