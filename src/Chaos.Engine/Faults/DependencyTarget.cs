namespace Chaos.Engine.Faults;

/// <summary>
/// A dependency a fault can target, with its tags: for example the fulfillment host <c>fulfillment.fc-win-1</c> with
/// <c>os: windows</c>. The fault player expands a cohort fault (<c>dependency: fulfillment</c> with <c>hosts:</c>) into
/// one rule per matching host from a list of these.
/// </summary>
/// <param name="Name">The dependency's name, as its control surface names it (<c>fulfillment.&lt;host&gt;</c>).</param>
/// <param name="Tags">The host's tags, for example <c>os: windows</c>.</param>
public sealed record DependencyTarget(string Name, IReadOnlyDictionary<string, string> Tags);
