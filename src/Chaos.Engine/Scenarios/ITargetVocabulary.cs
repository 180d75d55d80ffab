namespace Chaos.Engine.Scenarios;

/// <summary>
/// The names a scenario may use for one target: its journeys, its dependencies and their routes, its pools and the
/// tags of their hosts. The reference storefront supplies <see cref="StorefrontVocabulary"/>; a system file supplies
/// <see cref="SystemVocabulary"/>. The scenario reader validates every name against the vocabulary of its target.
/// </summary>
internal interface ITargetVocabulary
{
    /// <summary>Gets the journey names, in the order messages list them.</summary>
    IReadOnlyList<string> Journeys { get; }

    /// <summary>Gets the dependency names as messages list them (a pool's hosts as <c>pool.&lt;host&gt;</c>).</summary>
    IReadOnlyList<string> DependencyForms { get; }

    /// <summary>Gets the pools: dependencies with several hosts that cohorts and staged recovery select from.</summary>
    IReadOnlyList<string> Pools { get; }

    /// <summary>Gets the host tag names of the pools.</summary>
    IReadOnlyList<string> HostTags { get; }

    /// <summary>Gets the values each host tag takes.</summary>
    IReadOnlyDictionary<string, IReadOnlyList<string>> HostTagValues { get; }

    /// <summary>Gets whether the name is a dependency or one host of a pool.</summary>
    bool IsDependency(string dependency);

    /// <summary>Gets whether the name is a pool.</summary>
    bool IsPool(string dependency);

    /// <summary>Gets the route names of a dependency (or of a pool host's pool); empty when it has none.</summary>
    IReadOnlyList<string> RoutesOf(string dependency);
}
