using Chaos.Storefront.Resilience;

namespace Chaos.Storefront.Payments;

/// <summary>Where one payment gateway is and how it is called.</summary>
internal sealed record PaymentGatewayOptions
{
    /// <summary>Gets the gateway's absolute base URL, for example <c>http://127.0.0.1:5201/</c>.</summary>
    /// <value>Defaults to <see langword="null"/>: required for the primary gateway, optional for the secondary.</value>
    public Uri? BaseUrl { get; init; }

    /// <summary>
    /// Gets the resilience pipeline wrapped around every call to this gateway. While its circuit is open, calls fail at
    /// once and checkout fails over. A retried charge carries the same <c>Idempotency-Key</c>, so it cannot charge twice.
    /// </summary>
    /// <value>
    /// Defaults to a 1 second attempt within 4 seconds, two retries from 100 milliseconds growing exponentially, and a
    /// breaker that opens for 3 seconds when half of at least 5 calls in 5 seconds fail.
    /// </value>
    public DependencyResilienceOptions Resilience { get; init; } = new()
    {
        TotalTimeout = TimeSpan.FromSeconds(4),
        Retry = new() { MaxRetryAttempts = 2, Delay = TimeSpan.FromMilliseconds(100) },
        CircuitBreaker = new() { BreakDuration = TimeSpan.FromSeconds(3) },
    };

    /// <summary>Gets what a gateway call retries: 5xx, 408, attempt timeouts and transport errors.</summary>
    internal static DependencyRetryRule RetryRule => DependencyRetryRule.Transient;

    /// <summary>Gets a value indicating whether a base URL is set (an empty value leaves the gateway out).</summary>
    internal bool IsConfigured => BaseUrl is { OriginalString.Length: > 0 };
}
