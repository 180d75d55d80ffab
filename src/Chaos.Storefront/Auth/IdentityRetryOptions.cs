namespace Chaos.Storefront.Auth;

/// <summary>
/// Retry of a password grant on a quick failure (5xx, 408, connection refused). An attempt that timed out is not retried:
/// a slow identity provider gets no second copy of the load, and a login answers within about one attempt timeout.
/// </summary>
public sealed record IdentityRetryOptions
{
    /// <summary>Gets the number of retries after the first attempt, 0 or 1.</summary>
    /// <value>Defaults to 1.</value>
    public int MaxRetryAttempts { get; init; } = 1;

    /// <summary>Gets the delay before the retry.</summary>
    /// <value>Defaults to 50 milliseconds.</value>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(50);
}
