namespace Chaos.Storefront.Resilience;

/// <summary>
/// The resilience pipeline of the calls to one dependency, outermost first: total timeout, retry, circuit breaker, attempt
/// timeout. Payments, identity and tax share this shape; each keeps its own defaults (its options set them) and its own
/// <see cref="DependencyRetryRule"/>.
/// </summary>
internal sealed record DependencyResilienceOptions
{
    /// <summary>Gets the timeout of one attempt.</summary>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the timeout of a whole call, retries and their delays included.</summary>
    /// <value>Defaults to 2 seconds.</value>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets the retry strategy.</summary>
    public DependencyRetryOptions Retry { get; init; } = new();

    /// <summary>Gets the circuit breaker.</summary>
    public DependencyCircuitBreakerOptions CircuitBreaker { get; init; } = new();
}
