using Chaos.Storefront.Resilience;

namespace Chaos.Storefront.Auth;

/// <summary>The circuit breaker of the identity provider's token endpoint as <c>/status</c> sees it, and the last outcome of a login call.</summary>
internal sealed class IdentityCircuit() : DependencyCircuit(DependencyName)
{
    /// <summary>The dependency's name in <c>/status</c>.</summary>
    public const string DependencyName = "identity";
}
