namespace Chaos.Storefront.Resilience;

/// <summary>
/// Retries of a call to one dependency. What is retried, and how the delay grows, is the dependency's
/// <see cref="DependencyRetryRule"/>.
/// </summary>
internal sealed record DependencyRetryOptions
{
    /// <summary>Gets the number of retries after the first attempt; 0 disables retries.</summary>
    /// <value>Defaults to 1.</value>
    public int MaxRetryAttempts { get; init; } = 1;

    /// <summary>Gets the delay before a retry (the base delay where it grows exponentially), with jitter.</summary>
    /// <value>Defaults to 50 milliseconds.</value>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(50);
}
