namespace Chaos.Engine.Systems;

/// <summary>One instance of a dependency pool.</summary>
/// <param name="Name">The instance's name, unique within the dependency.</param>
/// <param name="Tags">Its tags, for example <c>os: windows</c>, that host cohorts select on.</param>
public sealed record DependencyInstance(string Name, IReadOnlyDictionary<string, string> Tags);
