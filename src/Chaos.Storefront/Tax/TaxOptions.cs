namespace Chaos.Storefront.Tax;

/// <summary>
/// Options of the tax service checkout asks for a quote before it stores an order: where it is, how it is called, and
/// what a customer is told while it cannot quote.
/// </summary>
public sealed record TaxOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Tax";

    /// <summary>Gets the base URL of the tax service; <c>POST {BaseUrl}v1/quotes</c> prices a cart. Required.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Gets the delay sent in <c>Retry-After</c> when checkout answers 503 because no quote could be had.</summary>
    /// <value>Defaults to 5 seconds, the tuned breaker's break duration: a retry then finds the breaker ready for a trial call.</value>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the resilience pipeline of the quote call.</summary>
    public TaxResilienceOptions Resilience { get; init; } = new();
}
