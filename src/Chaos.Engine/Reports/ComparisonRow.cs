namespace Chaos.Engine.Reports;

/// <summary>A compared figure: one value per configuration, in the order of <see cref="ComparisonReport.Configs"/>.</summary>
/// <param name="Section">The group of the row (verdict, success by phase, p99 by phase, amplification, circuits, invariants).</param>
/// <param name="Name">What the row measures.</param>
/// <param name="Values">The raw values (rates in [0, 1], seconds, counts; invariants 1 held, 0 broken); null when not measured.</param>
/// <param name="Display">The values for people.</param>
/// <param name="Failed">Whether the value broke one of the scenario's expectations or invariants in that configuration's run.</param>
public sealed record ComparisonRow(string Section, string Name, IReadOnlyList<double?> Values, IReadOnlyList<string> Display, IReadOnlyList<bool> Failed);
