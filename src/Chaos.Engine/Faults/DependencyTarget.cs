namespace Chaos.Engine.Faults;

/// <summary>
/// A dependency a fault can target, with its tags: for example the fulfillment host <c>fulfillment.fc-win-1</c> with
/// <c>os: windows</c>. The fault player expands a cohort fault (<c>dependency: fulfillment</c> with <c>hosts:</c>) into
/// one rule per matching host from a list of these.
/// </summary>
/// <param name="Name">The dependency's name, as its control surface names it (<c>fulfillment.&lt;host&gt;</c>).</param>
/// <param name="Tags">The host's tags, for example <c>os: windows</c>.</param>
public sealed record DependencyTarget(string Name, IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>Gets the pool the host belongs to: its name before the host's own (<c>fulfillment</c> for <c>fulfillment.fc-win-1</c>).</summary>
    public string Pool => Name[..Math.Max(Name.LastIndexOf('.'), 0)];

    /// <summary>Gets the host's own name in its pool (<c>fc-win-1</c> for <c>fulfillment.fc-win-1</c>; host names have no dot).</summary>
    public string Host => Name[(Name.LastIndexOf('.') + 1)..];
}
