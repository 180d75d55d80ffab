namespace Chaos.Storefront.Payments;

/// <summary>
/// The resilience pipeline of one gateway, outermost first: total timeout, retry, circuit breaker, attempt timeout.
/// </summary>
public sealed record GatewayResilienceOptions
{
    /// <summary>Gets the timeout of one attempt.</summary>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the timeout of a whole call, retries and their delays included.</summary>
    /// <value>Defaults to 4 seconds.</value>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Gets the retry strategy.</summary>
    public GatewayRetryOptions Retry { get; init; } = new();

    /// <summary>Gets the circuit breaker.</summary>
    public GatewayCircuitBreakerOptions CircuitBreaker { get; init; } = new();
}
