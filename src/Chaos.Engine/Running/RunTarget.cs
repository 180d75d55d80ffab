using Chaos.Engine.Faults;

namespace Chaos.Engine.Running;

/// <summary>What a run drives: a storefront by URL and the control surfaces of its simulated dependencies.</summary>
/// <param name="Storefront">The storefront's base URL.</param>
/// <param name="AdminKey">The storefront's admin key, for reconciliation.</param>
/// <param name="Dependencies">The simulated dependencies' control surfaces.</param>
public sealed record RunTarget(Uri Storefront, string AdminKey, IReadOnlyList<IDependencyControl> Dependencies);
