namespace Chaos.Storefront.Tax;

/// <summary>Retries of a quote on 5xx, 408, a malformed quote, attempt timeouts and transport errors. A quote is read-only, so a retry is safe.</summary>
public sealed record TaxRetryOptions
{
    /// <summary>Gets the number of retries after the first attempt; 0 disables retries.</summary>
    /// <value>Defaults to 1: a bad deploy answers the retry as badly, and each retry is more load on it.</value>
    public int MaxRetryAttempts { get; init; } = 1;

    /// <summary>Gets the base delay before a retry; it grows exponentially, with jitter.</summary>
    /// <value>Defaults to 50 milliseconds.</value>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(50);
}
