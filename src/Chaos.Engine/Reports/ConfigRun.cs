namespace Chaos.Engine.Reports;

/// <summary>One configuration's run, as the comparison reads it.</summary>
/// <param name="Name">The configuration's name (its file name without extension).</param>
/// <param name="Files">The storefront configuration files of the run.</param>
/// <param name="ReportDirectory">Where the run's reports are.</param>
/// <param name="Report">The run's report, or null when it wrote none.</param>
public sealed record ConfigRun(string Name, IReadOnlyList<string> Files, string ReportDirectory, RunReport? Report);
