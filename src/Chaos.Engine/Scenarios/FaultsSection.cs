namespace Chaos.Engine.Scenarios;

/// <summary>What <see cref="FaultsSectionReader"/> read: the fault timeline, and the names and windows the expectations check against.</summary>
/// <param name="Timeline">The fault windows by start, or null when the section has errors.</param>
/// <param name="Names">The fault names as written, in file order, for expectation phases.</param>
/// <param name="Valid">The fault windows read without error, in file order; the whole timeline when <paramref name="Complete"/>.</param>
/// <param name="Complete">Whether every fault was read without error, so that rules over the whole timeline can be checked.</param>
internal sealed record FaultsSection(IReadOnlyList<FaultWindow>? Timeline, IReadOnlyList<string> Names, IReadOnlyList<FaultWindow> Valid, bool Complete);
