namespace Chaos.Storefront.Tax;

/// <summary>A quote of the tax service, checked: <c>Total = Subtotal + Tax</c>, nothing negative, the subtotal asked for.</summary>
/// <param name="QuoteId">The tax service's id of the quote.</param>
/// <param name="Subtotal">The cart's subtotal in minor units (cents).</param>
/// <param name="Tax">The tax in minor units.</param>
/// <param name="Total">What the customer is charged, in minor units.</param>
internal sealed record TaxQuote(string QuoteId, long Subtotal, long Tax, long Total);

/// <summary>What asking for a quote came to.</summary>
internal abstract record TaxQuoteResult
{
    private TaxQuoteResult()
    {
    }

    /// <summary>A usable quote.</summary>
    public sealed record Quoted(TaxQuote Quote) : TaxQuoteResult;

    /// <summary>No usable quote (a 5xx, a timeout, no connection, an open circuit, a malformed quote); the reason is for logs only.</summary>
    public sealed record Unavailable(string Reason) : TaxQuoteResult;
}
