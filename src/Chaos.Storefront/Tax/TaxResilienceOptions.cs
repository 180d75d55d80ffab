namespace Chaos.Storefront.Tax;

/// <summary>
/// The resilience pipeline of the quote call, outermost first: total timeout, retry, circuit breaker, attempt timeout.
/// A malformed or inconsistent quote counts as a failed attempt, like a 5xx.
/// </summary>
public sealed record TaxResilienceOptions
{
    /// <summary>Gets the timeout of one attempt.</summary>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the timeout of a whole quote, the retry included: the longest a checkout waits for tax.</summary>
    /// <value>Defaults to 2 seconds.</value>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets the retry strategy.</summary>
    public TaxRetryOptions Retry { get; init; } = new();

    /// <summary>Gets the circuit breaker.</summary>
    public TaxCircuitBreakerOptions CircuitBreaker { get; init; } = new();
}
