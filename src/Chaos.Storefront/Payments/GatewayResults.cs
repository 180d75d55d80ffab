namespace Chaos.Storefront.Payments;

/// <summary>The body of <c>POST /v1/charges</c>.</summary>
/// <param name="OrderId">The order being charged.</param>
/// <param name="Amount">The amount in cents.</param>
/// <param name="Currency">The currency, for example <c>usd</c>.</param>
internal sealed record ChargeRequest(string OrderId, long Amount, string Currency);

/// <summary>A charge as a gateway returns it.</summary>
internal sealed record GatewayCharge(string? Id, string? OrderId, long Amount, string? Currency, string? Status, string? IdempotencyKey);

/// <summary>What one charge call (retries included) established.</summary>
internal abstract record ChargeResult
{
    private ChargeResult()
    {
    }

    /// <summary>The gateway charged the order.</summary>
    public sealed record Charged(string ChargeId) : ChargeResult;

    /// <summary>The gateway definitively did not charge (503, 429, 4xx, connection refused, circuit open).</summary>
    public sealed record Failed(string Reason) : ChargeResult;

    /// <summary>The gateway may or may not have charged (timeout, 500/502/504, connection lost, unreadable answer).</summary>
    public sealed record Unknown(string Reason) : ChargeResult;
}

/// <summary>What a lookup of a charge by idempotency key established.</summary>
internal abstract record LookupResult
{
    private LookupResult()
    {
    }

    /// <summary>The gateway holds a charge with that key.</summary>
    public sealed record Found(string ChargeId) : LookupResult;

    /// <summary>The gateway answered that it holds no charge with that key.</summary>
    public sealed record NotFound : LookupResult;

    /// <summary>The gateway did not answer the lookup.</summary>
    public sealed record Failed(string Reason) : LookupResult;
}
