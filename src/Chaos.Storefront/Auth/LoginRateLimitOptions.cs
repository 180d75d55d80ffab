namespace Chaos.Storefront.Auth;

/// <summary>
/// Fixed-window rate limits of <c>POST /login</c>, per account (the user name, without regard to case) and per client
/// (the remote IP address). A login over either limit answers 429 with <c>Retry-After</c> and never reaches the identity
/// provider.
/// </summary>
internal sealed record LoginRateLimitOptions
{
    /// <summary>Gets the logins allowed per account in one window.</summary>
    /// <value>Defaults to 5.</value>
    public int PermitsPerAccount { get; init; } = 5;

    /// <summary>Gets the logins allowed per client IP address in one window.</summary>
    /// <value>Defaults to 100.</value>
    public int PermitsPerClient { get; init; } = 100;

    /// <summary>Gets the length of a window.</summary>
    /// <value>Defaults to 1 minute.</value>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);
}
