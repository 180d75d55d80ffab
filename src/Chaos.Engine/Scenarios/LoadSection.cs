namespace Chaos.Engine.Scenarios;

/// <summary>What <see cref="LoadSectionReader"/> read: the load profile, and the names and length the later sections check against.</summary>
/// <param name="Profile">The load, or null when it has errors.</param>
/// <param name="PhaseNames">The load phase names as read (including those of expanded shapes), for expectation phases.</param>
/// <param name="DeclaredJourneys">The journeys of <c>load.journeys</c> with their weights, as far as they could be read; null without it.</param>
/// <param name="JourneyNames">Every journey named in <c>load.journeys</c>, including those whose weight has an error.</param>
/// <param name="Duration">The load's total duration, when every phase's duration could be read.</param>
internal sealed record LoadSection(
    LoadProfile? Profile,
    IReadOnlySet<string> PhaseNames,
    IReadOnlyDictionary<string, int>? DeclaredJourneys,
    IReadOnlySet<string> JourneyNames,
    TimeSpan? Duration);
