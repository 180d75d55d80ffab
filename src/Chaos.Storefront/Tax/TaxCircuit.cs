using Chaos.Storefront.Resilience;

namespace Chaos.Storefront.Tax;

/// <summary>The circuit breaker of the tax service as <c>/status</c> sees it, and the outcome of the last quote.</summary>
internal sealed class TaxCircuit() : DependencyCircuit(DependencyName)
{
    /// <summary>The dependency's name in <c>/status</c>.</summary>
    public const string DependencyName = "tax";
}
