namespace Chaos.Storefront.Resilience;

/// <summary>What looking a write up by its idempotency key on a dependency established.</summary>
internal abstract record KeyLookupResult
{
    private KeyLookupResult()
    {
    }

    /// <summary>The dependency holds a write with that key.</summary>
    /// <param name="Id">What the dependency calls it: the charge id, the shipment id.</param>
    public sealed record Found(string Id) : KeyLookupResult;

    /// <summary>The dependency answered that it holds nothing with that key.</summary>
    public sealed record NotFound : KeyLookupResult;

    /// <summary>The dependency did not answer the lookup.</summary>
    public sealed record Failed(string Reason) : KeyLookupResult;
}
