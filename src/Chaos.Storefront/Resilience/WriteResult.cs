namespace Chaos.Storefront.Resilience;

/// <summary>
/// What one write to a dependency (a charge on a gateway, a shipment on a host), retries included, established. A write
/// whose outcome is unknown is settled by looking it up by its idempotency key (<see cref="KeyLookupResult"/>), never by
/// writing it again elsewhere.
/// </summary>
internal abstract record WriteResult
{
    private WriteResult()
    {
    }

    /// <summary>The dependency took the write (or already had it under this key).</summary>
    /// <param name="Id">What the dependency calls it: the charge id, the shipment id.</param>
    public sealed record Done(string Id) : WriteResult;

    /// <summary>The dependency definitively did not take it (503, 429, a client error, connection refused, circuit open): another may.</summary>
    public sealed record Failed(string Reason) : WriteResult;

    /// <summary>The dependency may have taken it (timeout, 500/502/504, connection lost, an unreadable answer): only a lookup can tell.</summary>
    public sealed record Unknown(string Reason) : WriteResult;
}
