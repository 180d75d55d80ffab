namespace Chaos.Storefront.Auth;

/// <summary>
/// The resilience pipeline of the token endpoint call, outermost first: total timeout, retry, circuit breaker, attempt timeout.
/// </summary>
public sealed record IdentityResilienceOptions
{
    /// <summary>Gets the timeout of one attempt; a login never waits longer for one answer.</summary>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the timeout of a whole call, the retry included.</summary>
    /// <value>Defaults to 2 seconds.</value>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets the retry strategy.</summary>
    public IdentityRetryOptions Retry { get; init; } = new();

    /// <summary>Gets the circuit breaker.</summary>
    public IdentityCircuitBreakerOptions CircuitBreaker { get; init; } = new();
}
