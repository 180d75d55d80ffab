namespace Chaos.Storefront.Fulfillment;

/// <summary>What one call to create a shipment on a host told us.</summary>
internal abstract record ShipResult
{
    private ShipResult()
    {
    }

    /// <summary>The host took the shipment (or already had it under this key).</summary>
    public sealed record Shipped(string ShipmentId) : ShipResult;

    /// <summary>The host definitively did not take it (connection refused, 503, a client error): another host may.</summary>
    public sealed record Failed(string Reason) : ShipResult;

    /// <summary>The host may have taken it (timeout, 500, reset after sending): only a lookup there can tell.</summary>
    public sealed record Unknown(string Reason) : ShipResult;
}

/// <summary>What looking a shipment up by its key on a host told us.</summary>
internal abstract record ShipmentLookupResult
{
    private ShipmentLookupResult()
    {
    }

    /// <summary>The host has the shipment.</summary>
    public sealed record Found(string ShipmentId) : ShipmentLookupResult;

    /// <summary>The host definitively does not have it.</summary>
    public sealed record NotFound : ShipmentLookupResult;

    /// <summary>The host did not answer the lookup.</summary>
    public sealed record Failed(string Reason) : ShipmentLookupResult;
}
