namespace Chaos.Engine.Scenarios;

/// <summary>The reference storefront's names, as <see cref="ScenarioVocabulary"/> defines them.</summary>
internal sealed class StorefrontVocabulary : ITargetVocabulary
{
    /// <summary>Gets the one instance.</summary>
    internal static StorefrontVocabulary Instance { get; } = new();

    private StorefrontVocabulary()
    {
    }

    public IReadOnlyList<string> Journeys => ScenarioVocabulary.Journeys;

    public IReadOnlyList<string> DependencyForms => ScenarioVocabulary.DependencyForms;

    public IReadOnlyList<string> Pools => ScenarioVocabulary.Pools;

    public IReadOnlyList<string> HostTags => ScenarioVocabulary.HostTags;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> HostTagValues => ScenarioVocabulary.HostTagValues;

    public bool IsDependency(string dependency) => ScenarioVocabulary.IsDependency(dependency);

    public bool IsPool(string dependency) => ScenarioVocabulary.IsPool(dependency);

    public IReadOnlyList<string> RoutesOf(string dependency) => ScenarioVocabulary.RoutesOf(dependency);
}
