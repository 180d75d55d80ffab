namespace Chaos.Storefront.Payments;

/// <summary>
/// Retries of one gateway call on 5xx, 408, timeouts and transport errors. A retried charge carries the same
/// <c>Idempotency-Key</c>, so it cannot charge twice.
/// </summary>
public sealed record GatewayRetryOptions
{
    /// <summary>Gets the number of retries after the first attempt; 0 disables retries.</summary>
    /// <value>Defaults to 2.</value>
    public int MaxRetryAttempts { get; init; } = 2;

    /// <summary>Gets the base delay before a retry; it grows exponentially, with jitter.</summary>
    /// <value>Defaults to 100 milliseconds.</value>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(100);
}
