using Chaos.Engine.Judging;

namespace Chaos.Engine.Reports;

/// <summary>One run of the matrix.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Config">The configuration.</param>
/// <param name="ReportDirectory">Where its reports are.</param>
/// <param name="Verdict">Its verdict.</param>
/// <param name="Reasons">Why it did not pass; empty when it passed.</param>
public sealed record MatrixRun(string Scenario, string Config, string ReportDirectory, Verdict Verdict, IReadOnlyList<string> Reasons);
