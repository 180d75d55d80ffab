using Chaos.Engine.Systems;

namespace Chaos.Engine.Scenarios;

/// <summary>The system under test a scenario file names, as its sections are checked against it.</summary>
/// <param name="Vocabulary">The names the scenario may use: journeys, dependencies, routes, pools and host tags.</param>
/// <param name="System">The system file the scenario names (<c>system:</c>), or null for the reference storefront.</param>
internal sealed record ScenarioTarget(ITargetVocabulary Vocabulary, SystemDefinition? System)
{
    /// <summary>The reference storefront, the target of a scenario without <c>system:</c>.</summary>
    public static ScenarioTarget Storefront { get; } = new(StorefrontVocabulary.Instance, null);
}
