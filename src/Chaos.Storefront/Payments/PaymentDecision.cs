namespace Chaos.Storefront.Payments;

/// <summary>Where paying an order ended.</summary>
internal abstract record PaymentDecision
{
    private PaymentDecision()
    {
    }

    /// <summary>A gateway charged the order (or a lookup found its charge).</summary>
    public sealed record Paid(string Gateway, string ChargeId) : PaymentDecision;

    /// <summary>
    /// A charge on <paramref name="Gateway"/> had an unknown outcome and its lookup failed too: the order is pinned to
    /// that gateway and charged nowhere else until it answers a lookup.
    /// </summary>
    public sealed record Unknown(string Gateway, string Reason) : PaymentDecision;

    /// <summary>Every gateway tried definitively did not charge.</summary>
    public sealed record Unavailable(string Reason) : PaymentDecision;

    /// <summary>An order left <c>created</c> by a crash could not be looked up on every gateway; change nothing.</summary>
    public sealed record Unresolved(string Gateway, string Reason) : PaymentDecision;
}
