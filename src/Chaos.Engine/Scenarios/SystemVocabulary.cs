using Chaos.Engine.Systems;

namespace Chaos.Engine.Scenarios;

/// <summary>
/// The names a system file defines: its journeys, its dependencies with their routes, and its pools (dependencies
/// with instances), whose hosts are named <c>dependency.instance</c> as the storefront's fulfillment hosts are.
/// </summary>
internal sealed class SystemVocabulary : ITargetVocabulary
{
    private readonly SystemDefinition _system;

    internal SystemVocabulary(SystemDefinition system, IReadOnlyCollection<string>? codeJourneys = null)
    {
        _system = system;
        Journeys = [.. system.Journeys.Select(j => j.Name).Union(codeJourneys ?? [], StringComparer.Ordinal)];
        Pools = [.. system.Dependencies.Where(d => d.Instances.Count > 0).Select(d => d.Name)];
        DependencyForms = [.. system.Dependencies.Select(d => d.Name), .. Pools.Select(p => p + ".<host>")];
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in system.Dependencies.SelectMany(d => d.Instances).SelectMany(i => i.Tags))
        {
            values[key] = values.TryGetValue(key, out var known) ? (known.Contains(value) ? known : [.. known, value]) : [value];
        }

        HostTagValues = values;
        HostTags = [.. values.Keys];
    }

    public IReadOnlyList<string> Journeys { get; }

    public IReadOnlyList<string> DependencyForms { get; }

    public IReadOnlyList<string> Pools { get; }

    public IReadOnlyList<string> HostTags { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> HostTagValues { get; }

    public bool IsDependency(string dependency) => DependencyOf(dependency) is not null;

    public bool IsPool(string dependency) => Pools.Contains(dependency);

    public IReadOnlyList<string> RoutesOf(string dependency) => [.. DependencyOf(dependency)?.Routes.Select(r => r.Name) ?? []];

    /// <summary>Gets the dependency a name refers to: the dependency itself, or the pool of <c>pool.instance</c>.</summary>
    internal DependencyDefinition? DependencyOf(string name)
    {
        if (_system.Dependency(name) is { } dependency)
        {
            return dependency;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && _system.Dependency(name[..dot]) is { Instances.Count: > 0 } pool && pool.Instances.Any(i => i.Name == name[(dot + 1)..]) ? pool : null;
    }
}
