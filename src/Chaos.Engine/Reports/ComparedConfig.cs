using Chaos.Engine.Judging;

namespace Chaos.Engine.Reports;

/// <summary>A configuration in a comparison.</summary>
/// <param name="Name">The configuration's name.</param>
/// <param name="Files">Its storefront configuration files.</param>
/// <param name="ReportDirectory">Where its run's reports are.</param>
/// <param name="Verdict">Its run's verdict.</param>
/// <param name="Reasons">Why it did not pass (failed expectations, broken invariants, harness errors); empty when it passed.</param>
public sealed record ComparedConfig(string Name, IReadOnlyList<string> Files, string ReportDirectory, Verdict Verdict, IReadOnlyList<string> Reasons);
