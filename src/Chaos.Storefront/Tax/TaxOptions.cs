using Chaos.Storefront.Resilience;

namespace Chaos.Storefront.Tax;

/// <summary>
/// Options of the tax service checkout asks for a quote before it stores an order: where it is, how it is called, and
/// what a customer is told while it cannot quote.
/// </summary>
internal sealed record TaxOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Tax";

    /// <summary>Gets the base URL of the tax service; <c>POST {BaseUrl}v1/quotes</c> prices a cart. Required.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Gets the delay sent in <c>Retry-After</c> when checkout answers 503 because no quote could be had.</summary>
    /// <value>Defaults to 5 seconds, the tuned breaker's break duration: a retry then finds the breaker ready for a trial call.</value>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets the resilience pipeline of the quote call. A malformed or inconsistent quote counts as a failed attempt, like a
    /// 5xx; while the circuit is open, checkout answers 503 at once without calling the tax service.
    /// </summary>
    /// <value>
    /// Defaults to a 1 second attempt within 2 seconds (the longest a checkout waits for tax), one retry after 50
    /// milliseconds (a bad deploy answers the retry as badly, and each retry is more load on it), and a breaker that opens
    /// for 5 seconds when half of at least 4 attempts in 5 seconds fail: two failed checkouts, an attempt and its retry each.
    /// </value>
    public DependencyResilienceOptions Resilience { get; init; } = new() { CircuitBreaker = new() { MinimumThroughput = 4 } };

    /// <summary>
    /// Gets what a quote retries: 5xx, 408, a malformed quote, attempt timeouts and transport errors. A quote is read-only,
    /// so an attempt that timed out may be retried; an open circuit is not.
    /// </summary>
    internal static DependencyRetryRule RetryRule => DependencyRetryRule.Transient;
}
